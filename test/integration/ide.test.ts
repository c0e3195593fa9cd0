import { parse, specifiedRules, validate } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationCost } from '../../src/common/cost.js';
import { limitRules, limitsFrom } from '../../src/common/limits.js';
import { buildSchema } from '../../src/schema.js';
import { seed } from './fixtures.js';
import { type Harness, startHarness, WRITE_TOKEN } from './harness.js';

let h: Harness;
let base: string;


beforeAll(async () => {
  h = await startHarness();
  await seed();
  base = await h.serve();
});
afterAll(async () => {
  await h.close();
});

// What a browser sends when the address is typed in.
const BROWSER = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
const openIde = (at = base) => fetch(`${at}/graphql`, { headers: BROWSER });

/** Every URL-looking reference in a text: absolute (http:, https:) or protocol-relative (//host). */
const externalUrls = (text: string) => text.match(/(?:https?:)?\/\/[\w.-]+\.[a-z]{2,}[^\s"'<>)]*/gi) ?? [];
const referenced = (html: string) => [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);

interface Tab {
  query: string;
  variables?: string;
  headers?: string;
}
const examples = async (): Promise<Tab[]> => (await fetch(`${base}/ide/examples.json`)).json();

describe('the GraphQL IDE', () => {
  it('is an HTML page served to a browser opening /graphql, allowing nothing but this server in its policy', async () => {
    const response = await openIde();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const policy = response.headers.get('content-security-policy')!;
    expect(policy).toMatch(/default-src 'self'/);
    expect(policy).toMatch(/script-src 'self'(;|$)/);
    expect(policy).not.toMatch(/https?:|\*/);
    expect(await response.text()).toMatch(/<div id="graphiql">/);
  });

  it('counts a visit to the page as no GraphQL request in the metrics', async () => {
    const anonymous = async () => {
      const text = await (await fetch(`${base}/metrics`)).text();
      return text.split('\n').filter((line) => line.startsWith('graphql_request_duration_seconds_count')).join('\n');
    };
    const before = await anonymous();
    for (let i = 0; i < 3; i++) expect((await openIde()).status).toBe(200);
    expect(await anonymous()).toBe(before);
    // An operation is still counted (the check above could not fail if nothing ever were).
    await fetch(`${base}/graphql?query=${encodeURIComponent('{ __typename }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(await anonymous()).not.toBe(before);
  });

  it('references only files of this server, in the page and in its own script', async () => {
    const html = await (await openIde()).text();
    const refs = referenced(html);
    expect(refs.length).toBeGreaterThanOrEqual(6);
    for (const ref of refs) expect(ref).toMatch(/^\/ide\/assets\/[\w.-]+$/);
    expect(html).not.toMatch(/<script>|<script [^>]*>[^<]/); // no inline script
    expect(externalUrls(html)).toEqual([]);
    const bootstrap = refs.find((r) => r.endsWith('ide.js'))!;
    const script = await (await fetch(base + bootstrap)).text();
    expect(script).toMatch(/\/graphql/);
    expect(externalUrls(script)).toEqual([]);
  });

  it('serves every file the page references, with its type, a long cache lifetime, compressed', async () => {
    const refs = referenced(await (await openIde()).text());
    for (const ref of refs) {
      const response = await fetch(base + ref, { headers: { 'accept-encoding': 'gzip' } });
      // Compression skips files under a kilobyte (the page's own script and stylesheet).
      if (!/-ide\.(js|css)$/.test(ref)) expect(response.headers.get('content-encoding'), ref).toBe('gzip');
      expect(response.status, ref).toBe(200);
      expect(response.headers.get('content-type'), ref).toMatch(ref.endsWith('.css') ? /^text\/css/ : /^text\/javascript/);
      expect(response.headers.get('cache-control'), ref).toMatch(/max-age=31536000/);
      expect((await response.arrayBuffer()).byteLength, ref).toBeGreaterThan(0);
    }
    expect(refs.some((r) => r.endsWith('graphiql.js')) && refs.some((r) => r.endsWith('explorer.js'))).toBe(true);
    expect((await fetch(`${base}/ide/assets/nothing.js`)).status).toBe(404);
  });

  it('ships example operations that the schema accepts within the default limits', async () => {
    const schema = buildSchema();
    const defaults = h.deps.settings!;
    const rules = [...specifiedRules, ...limitRules(limitsFrom(defaults))];
    const tabs = await examples();
    const names = tabs.map((t) => /(?:query|mutation) (\w+)/.exec(t.query)?.[1]);
    expect(names).toEqual([
      'WhatWasSaidAbout',
      'SaidOnTheDay',
      'RolesAtTheTime',
      'WhatTheySaidAndWhere',
      'ConcernsAndResponses',
      'Timeline',
      'Paths',
      'Search',
      'RelatedStories',
      'IngestArticle',
    ]);
    for (const tab of tabs) {
      const document = parse(tab.query);
      expect(validate(schema, document, rules).map((e) => e.message)).toEqual([]);
      const definition = document.definitions.find((d) => d.kind === 'OperationDefinition')!;
      const variables = tab.variables ? JSON.parse(tab.variables) : {};
      expect(operationCost(schema, document, definition, variables) ?? 0).toBeLessThanOrEqual(defaults.MAX_COST);
    }
  });

  it('ships examples that answer on the seed as they are, the ingest one once a token is put in its headers', async () => {
    for (const tab of await examples()) {
      const headers = tab.headers ? JSON.parse(tab.headers) : {};
      if (headers.Authorization) {
        expect(headers.Authorization).toBe('Bearer <your token>');
        headers.Authorization = `Bearer ${WRITE_TOKEN}`;
      }
      const response = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query: tab.query, variables: tab.variables ? JSON.parse(tab.variables) : undefined }),
      });
      const body = await response.json();
      expect(body.errors, tab.query.slice(0, 200)).toBeUndefined();
      // Each names people, articles or statements: on the seed, none comes back empty.
      expect(JSON.stringify(body.data), tab.query.slice(0, 200)).toMatch(/"(name|title|text)":"[^"]+"/);
    }
  });

  it('leaves GraphQL over GET to clients: a query in the URL, or a request not asking for HTML, gets JSON', async () => {
    const query = await fetch(`${base}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { ...BROWSER, 'apollo-require-preflight': 'true' },
    });
    expect(query.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await query.json()).toMatchObject({ data: { __typename: 'Query' } });
    const client = await fetch(`${base}/graphql`, { headers: { accept: 'application/json', 'apollo-require-preflight': 'true' } });
    expect(client.status).toBe(400);
    expect(client.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('is not served when IDE is off: a browser then learns so in a short JSON answer, and GraphQL still answers', async () => {
    const off = await h.serve({ IDE: false });
    const response = await openIde(off);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const { errors } = await response.json();
    expect(errors).toMatchObject([{ message: expect.stringMatching(/IDE is turned off.*IDE=false/), extensions: { code: 'NOT_FOUND' } }]);
    const query = await fetch(`${off}/graphql?query=${encodeURIComponent('{ __typename }')}`, { headers: { ...BROWSER, 'apollo-require-preflight': 'true' } });
    expect(await query.json()).toMatchObject({ data: { __typename: 'Query' } });
    expect((await fetch(`${off}/ide/examples.json`)).status).toBe(404);
  });
});
