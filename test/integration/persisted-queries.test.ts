import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConcernsAndResponsesDocument,
  RolesAtTheTimeDocument,
  SaidOnTheDayDocument,
  SearchDocument,
  TimelineDocument,
  WhatTheySaidAndWhereDocument,
  WhatWasSaidAboutDocument,
} from '../../client/generated/graphql.js';
import { request, sha256 } from '../../client/request.js';
import { seed, uniqueTag } from './fixtures.js';
import { type Harness, serveHttp, startHarness } from './harness.js';

// Automatic persisted queries (Apollo Server's default, an in-memory cache per server): a client sends an
// operation's SHA-256 hash, and its text only once, when the server answers that it does not know the hash.
let h: Harness;
let server: { base: string; close: () => Promise<void> };
let url: string;
beforeAll(async () => {
  h = await startHarness();
  await seed();
  server = await serveHttp(h.deps);
  url = `${server.base}/graphql`;
});
afterAll(async () => {
  await server?.close();
  await h?.close();
});

const persisted = async (query: string) => ({ persistedQuery: { version: 1, sha256Hash: await sha256(query) } });

const post = async (body: object) => {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
};

/** A GET as a browser app sends it: parameters in the URL, and a header CSRF prevention asks for. */
const get = async (params: Record<string, unknown>) => {
  const search = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
  const response = await fetch(`${url}?${search}`, { headers: { 'apollo-require-preflight': 'true' } });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
};

const codeOf = (body: Record<string, any>) => body.errors?.[0]?.extensions?.code;

/** An operation of this test's own, so no earlier request has registered its hash. */
const statementsOf = (tag: string) => `query Said_${tag}($id: ID!) { person(id: $id) { name statements(first: 3) { totalCount } } }`;

describe('automatic persisted queries', () => {
  it('over POST: an unknown hash is PERSISTED_QUERY_NOT_FOUND, the text registers it, then the hash alone is served', async () => {
    const query = statementsOf(uniqueTag());
    const extensions = await persisted(query);
    const variables = { id: 'person:imran-khan' };

    const unknown = await post({ variables, extensions });
    expect(codeOf(unknown.body)).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(unknown.body.errors[0].message).toBe('PersistedQueryNotFound');
    expect(unknown.body.data).toBeUndefined();

    const registered = await post({ query, variables, extensions });
    expect(registered.body.errors).toBeUndefined();
    expect(registered.body.data.person.name).toBe('Imran Khan');

    const byHash = await post({ variables, extensions });
    expect(byHash.status).toBe(200);
    expect(byHash.body).toEqual(registered.body);
  });

  it('over GET: the same flow, so answers can be cached by URL', async () => {
    const query = statementsOf(uniqueTag());
    const extensions = await persisted(query);
    const variables = { id: 'person:shehbaz-sharif' };
    expect(codeOf((await get({ variables, extensions })).body)).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await get({ query, variables, extensions })).body.data.person.name).toBe('Shehbaz Sharif');
    const byHash = await get({ variables, extensions });
    expect(byHash.status).toBe(200);
    expect(byHash.body.data.person.name).toBe('Shehbaz Sharif');
  });

  it('refuses a text that does not match its hash, without running it or registering it', async () => {
    const query = statementsOf(uniqueTag());
    const extensions = await persisted(`${query} `);
    const { status, body } = await post({ query, variables: { id: 'person:imran-khan' }, extensions });
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]).toMatchObject({ message: expect.stringMatching(/does not match/), extensions: { code: 'BAD_REQUEST' } });
    expect(JSON.stringify(body)).not.toMatch(/stack|node_modules|\.js:\d+/);
    expect(codeOf((await post({ variables: { id: 'person:imran-khan' }, extensions })).body)).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('measures an operation served by hash like any other: its cost with these variables, refused over the limit', async () => {
    const tag = uniqueTag();
    // Each statement's entities, and each of their articles: the cost grows with the square of $n.
    const query = `query Wide_${tag}($n: Int!) { statements(first: $n) { edges { node { about { mentionedIn(first: $n) { edges { node { id title } } } } } } } }`;
    const extensions = await persisted(query);
    const small = await post({ query, variables: { n: 2 }, extensions });
    expect(small.body.errors).toBeUndefined();
    expect(small.body.extensions.cost).toEqual({ requested: expect.any(Number), limit: 50_000 });

    const again = await post({ variables: { n: 2 }, extensions });
    expect(again.body.extensions.cost).toEqual(small.body.extensions.cost);

    const wide = await post({ variables: { n: 100 }, extensions });
    expect(wide.status).toBe(400);
    expect(codeOf(wide.body)).toBe('QUERY_TOO_COMPLEX');
    expect(wide.body.errors[0].extensions).toMatchObject({ limit: 'cost', max: 50_000 });
    expect(wide.body.data).toBeUndefined();
  });

  it('never registers an operation the limits refuse: its hash stays unknown', async () => {
    const tag = uniqueTag();
    const deep = `query Deep_${tag} { ${'person(id: "person:imran-khan") { statements { edges { node { speaker { '.repeat(4)}id${' } } } } }'.repeat(4)} }`;
    const extensions = await persisted(deep);
    const refused = await post({ query: deep, extensions });
    expect(codeOf(refused.body)).toBe('QUERY_TOO_COMPLEX');
    expect(refused.body.errors[0].extensions.limit).toBe('depth');
    expect(codeOf((await post({ extensions })).body)).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});

describe('the typed client (client/request.ts with client/generated)', () => {
  it('sends an operation by hash after its first use, with a result typed by its document', async () => {
    const variables = { query: 'shebaz', types: ['PERSON' as const], first: 3 };
    const first = await request(url, SearchDocument, variables, { persisted: true });
    expect(first.errors).toBeUndefined();
    const top = first.data!.search[0]!.node;
    expect(top.__typename === 'Person' ? top.name : null).toBe('Shehbaz Sharif');
    // Registered under the hash the client computes: the hash alone now runs it.
    const byHash = await post({ variables, extensions: await persisted(print(SearchDocument)) });
    expect(byHash.body).toEqual(first);
    expect(await request(url, SearchDocument, variables, { persisted: true })).toEqual(first);
  });

  it('answers the five seeded questions with their documents as written, variables left to their defaults', async () => {
    const [said, onTheDay, roles, zuberi, office] = await Promise.all([
      request(url, WhatWasSaidAboutDocument, {}),
      request(url, SaidOnTheDayDocument, {}),
      request(url, RolesAtTheTimeDocument, {}),
      request(url, WhatTheySaidAndWhereDocument, {}),
      request(url, ConcernsAndResponsesDocument, {}),
    ]);
    for (const answer of [said, onTheDay, roles, zuberi, office]) expect(answer.errors).toBeUndefined();

    const allegation = said.data!.person!.statementsAbout.edges.find((e) => e.node.kind === 'ALLEGATION')!.node;
    expect(allegation).toMatchObject({ saidOn: '2022-09-28', speaker: { name: 'Imran Khan' } });
    expect(allegation.reportedIn.map((a) => a.source?.name)).toEqual(['The Express Tribune']);

    const audio = onTheDay.data!.statements.edges.map((e) => e.node).find((s) => /America/.test(s.text))!;
    expect(audio).toMatchObject({ saidOn: null, date: '2022-09-28', quote: true });
    expect(audio.responses.map((r) => r.speaker.name)).toEqual(['Azam Khan']);

    expect(roles.data!.a!.affiliations.map((r) => r.role)).toEqual(['Principal Secretary to the Prime Minister']);
    expect(zuberi.data!.person!.statements.edges.flatMap((e) => e.node.reportedIn.map((a) => a.source?.name))).toContain('The Express Tribune');
    const denials = office.data!.organisation!.statementsAbout.edges.flatMap((e) => e.node.responses).filter((r) => r.kind === 'DENIAL');
    expect(denials.length).toBeGreaterThan(0);
  });

  it('pages a timeline with the cursor it gives, each statement with the article that reported it', async () => {
    const variables = { entity: 'person:imran-khan', role: 'BY' as const, first: 2 };
    const page = await request(url, TimelineDocument, variables);
    expect(page.errors).toBeUndefined();
    const { edges, pageInfo, totalCount } = page.data!.timeline;
    expect(totalCount).toBeGreaterThan(2);
    expect(edges).toHaveLength(2);
    expect(edges.every((e) => e.article?.source?.name === 'The Express Tribune' && e.node.speaker.name === 'Imran Khan')).toBe(true);
    expect(pageInfo.hasNextPage).toBe(true);
    const next = await request(url, TimelineDocument, { ...variables, after: pageInfo.endCursor });
    const seen = new Set(edges.map((e) => e.node.id));
    expect(next.data!.timeline.edges.filter((e) => seen.has(e.node.id))).toEqual([]);
    expect(next.data!.timeline.edges).toHaveLength(2);
  });
});
