import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { validateDocument } from '../../src/ingest/document.js';
import { ingestDocuments } from '../../src/ingest/ingest.js';
import { RANKED_DEGREE } from '../../src/entity/ranks.js';
import { runCheck } from './cli.js';
import { startOwnDatabase } from './own-neo4j.js';

// `npm run check:graph` (src/graph/check.ts) reads the whole graph, so it gets a database no other test writes to.
let uri: string;
let stop: () => Promise<void>;
let db: Database;
beforeAll(async () => {
  ({ uri, db, stop } = await startOwnDatabase('graph-check', 8));
}, 180_000);
afterAll(() => stop?.());

const load = (docs: Record<string, unknown>[]) =>
  ingestDocuments(db, docs.map((d) => {
    const checked = validateDocument(d);
    if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
    return checked.document;
  }));

/** Three articles naming a hub and 49 others each: the hub has more than RANKED_DEGREE connections, so it is ranked. */
const crowd = (n: number, day: string, others: number[], statements: Record<string, unknown>[] = []) => ({
  url: `https://check.example/${n}`,
  title: `Crowd ${n}`,
  publishedAt: day,
  source: 'Check Daily',
  entities: [{ ref: 'hub', type: 'PERSON', name: 'Hana Hub' }, ...others.map((i) => ({ ref: `p${i}`, type: 'PERSON', name: `Person Number${i}` }))],
  mentions: ['hub', ...others.map((i) => `p${i}`)],
  statements,
});
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

describe('npm run check:graph', () => {
  it('finds what ingestion keeps exact through loads and corrections, and reports each structure a write left wrong', async () => {
    // Published at 05:00 in Karachi, the statement said that day: the article and the statement share an instant,
    // the pair's first date, in two offsets.
    const said = { ref: 's', speaker: 'hub', text: 'Number one misled us all', about: ['p1'], saidOn: '2024-03-10' };
    const first = '2024-03-10T05:00:00+05:00';
    await load([crowd(1, first, range(1, 49), [said]), crowd(2, '2024-03-11', range(50, 49)), crowd(3, '2024-03-12', range(99, 49))]);
    expect(await runCheck({ NEO4J_URI: uri })).toMatchObject({ code: 0 });
    // A same-day version that drops a name and the statement, and an earlier article reporting it again first.
    await load([crowd(4, '2024-03-01', [1], [{ ...said, saidOn: undefined, about: [] }])]);
    await load([crowd(1, first, range(2, 48))]);
    const ranked = await db.read('test.ranked', `MATCH (e:Person {name: 'Hana Hub'}) RETURN e.ranked AS ranked, COUNT { (e)-[:CONNECTED]-() } AS degree`);
    expect(ranked[0]).toMatchObject({ ranked: true });
    expect(Number(ranked[0]!.degree)).toBeGreaterThan(RANKED_DEGREE);

    const exact = await runCheck({ NEO4J_URI: uri });
    expect(exact.code).toBe(0);
    const lines = exact.stdout.trim().split('\n');
    expect(lines.map((l) => l.replace(/ +\d[\d,]* checked,/, ' N checked,'))).toEqual([
      'connections N checked, exact',
      'connection ranks N checked, exact',
      'day counts N checked, exact',
      'entities and dates on links N checked, exact',
    ]);

    // One fault of each kind, as a wrong delta would leave it.
    await db.write('test.corrupt', async (run) => {
      await run(`MATCH (:Person {name: 'Hana Hub'})-[c:CONNECTED]-(:Person {name: 'Person Number60'}) SET c.co = c.co + 1`);
      await run(`MATCH (e:Person {name: 'Hana Hub'})-[c:CONNECTED]-(:Person {name: 'Person Number120'}) SET c.loRank = null, c.hiRank = null`);
      await run(`CREATE (:DayCount {entity: '*', link: 'ARTICLE', day: date('1999-01-01'), count: 1})`);
      await run(`MATCH (:Statement)-[r:ABOUT]->() SET r.at = datetime('1999-01-01T00:00:00Z')`);
    });
    const wrong = await runCheck({ NEO4J_URI: uri });
    expect(wrong.code).toBe(2);
    const verdicts = wrong.stdout.trim().split('\n').map((l) => l.replace(/^(.+?) +\d[\d,]* checked, /, '$1: '));
    expect(verdicts[0]).toBe('connections: 1 differ, e.g. person:hana-hub – person:person-number60');
    expect(verdicts[1]).toBe('connection ranks: 1 differ, e.g. person:hana-hub – person:person-number120');
    // A day count of a day without items: an extra, which has no example.
    expect(verdicts[2]).toBe('day counts: 1 differ');
    expect(verdicts[3]).toMatch(/^entities and dates on links: 1 differ, e\.g\. ABOUT person:/);
  });
});
