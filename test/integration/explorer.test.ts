import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, seed } from './fixtures.js';
import { type Harness, startHarness } from './harness.js';

// The story explorer as the server serves it (explore/, built by `npm test` and `npm start`), and the API it
// leans on beyond the other tests. Its behaviour in a browser: browser.test.ts.
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

const referenced = (html: string) => [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);

describe('the explorer page', () => {
  it('is served at /explore with a policy allowing nothing but this server, loading only its own bundled files', async () => {
    const response = await fetch(`${base}/explore`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const policy = response.headers.get('content-security-policy')!;
    expect(policy).toMatch(/default-src 'self'/);
    expect(policy).toMatch(/script-src 'self'(;|$)/);
    expect(policy).toMatch(/connect-src 'self'/);
    const html = await response.text();
    const files = referenced(html).filter((ref) => !ref.startsWith('data:') && !ref.startsWith('#') && ref !== '/graphql');
    expect(files.length).toBeGreaterThanOrEqual(2); // a script and a stylesheet
    for (const file of files) {
      expect(file).toMatch(/^\/explore\/assets\/[\w.-]+\.(js|css)$/);
      const asset = await fetch(base + file, { headers: { 'accept-encoding': 'gzip' } });
      expect(asset.status).toBe(200);
      // Names carry a hash of the content, so browsers may keep them for good; they travel compressed.
      expect(asset.headers.get('cache-control')).toMatch(/immutable/);
      expect(asset.headers.get('content-encoding')).toBe('gzip');
    }
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('answers a file it does not have with a JSON 404, and is off when EXPLORE is false', async () => {
    const missing = await fetch(`${base}/explore/assets/nothing-here.js`);
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe('NOT_FOUND');
    const off = await h.serve({ EXPLORE: false });
    expect((await fetch(`${off}/explore`)).status).toBe(404);
    expect((await fetch(`${off}/health`)).status).toBe(200);
  });
});

describe('what the explorer asks the API', () => {
  it('finds the articles mentioning both ends of a network link (articles filter mentioningAll)', async () => {
    const data = await ok(h, `{
      both: articles(filter: {mentioningAll: ["person:imran-khan", "person:shehbaz-sharif"]}) { totalCount edges { node { title } } }
      one: articles(filter: {mentioning: "person:imran-khan"}) { totalCount }
      none: articles(filter: {mentioningAll: ["person:imran-khan", "topic:nothing-of-the-kind"]}) { totalCount }
    }`);
    expect(data.both.totalCount).toBeGreaterThanOrEqual(1);
    expect(data.both.edges.map((e: any) => e.node.title)).toContain('Imran welcomes audio leak, calls for cypher to also be leaked');
    expect(data.both.totalCount).toBeLessThanOrEqual(data.one.totalCount);
    expect(data.none.totalCount).toBe(0);
  });

  it('refuses more than five ids, or an id that is no entity, naming the argument', async () => {
    const six = JSON.stringify(['a', 'b', 'c', 'd', 'e', 'f'].map((x) => `person:${x}`));
    const tooMany = await h.execute(`{ articles(filter: {mentioningAll: ${six}}) { totalCount } }`);
    expect(tooMany.errors![0]).toMatchObject({ message: expect.stringMatching(/at most 5/), extensions: { code: 'BAD_USER_INPUT', field: 'articles.filter.mentioningAll' } });
    const notEntity = await h.execute('{ articles(filter: {mentioningAll: ["person:imran-khan", "article:x"]}) { totalCount } }');
    expect(notEntity.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'articles.filter.mentioningAll' });
  });
});
