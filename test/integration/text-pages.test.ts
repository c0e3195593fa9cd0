import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applySchema } from '../../src/db/schema.js';
import { type ArticleDocument, validateDocument } from '../../src/ingest/document.js';
import { ingestDocuments } from '../../src/ingest/ingest.js';
import { dbHits, ok, settlePlanner, uniqueTag, withLoader } from './fixtures.js';
import { type Harness, startHarness } from './harness.js';

// A text filter pages through its hits a window of days at a time (src/statement/text-days.ts): every page must
// still be exactly the next statements in date order, whatever the gaps between their days.
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

interface Remark {
  at: string;
  speaker: 'a' | 'b';
  n: number;
  /** A longer text, so that Lucene scores it below the short ones. */
  long?: boolean;
}

/** One article per remark, published at its instant (the remark's sort date), each remark holding `words`. */
function articles(t: string, words: string, remarks: Remark[]): ArticleDocument[] {
  return remarks.map((r) => {
    const checked = validateDocument({
      url: `https://harbour.example/${t}/${r.n}`,
      title: `Harbour news ${r.n} ${t}`,
      source: `Harbour Post ${t}`,
      publishedAt: r.at,
      entities: [
        { ref: 'a', type: 'PERSON', name: `Amina Qureshi ${t}` },
        { ref: 'b', type: 'PERSON', name: `Bilal Siddiqui ${t}` },
      ],
      statements: [{ speaker: r.speaker, text: `${words} ${t} number ${r.n}${r.long ? ', as the regional desk reported later that week' : ''}` }],
      mentions: ['a', 'b'],
    });
    if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
    return checked.document;
  });
}

/**
 * Every page of `first` of a text filter, following the cursors, as the remarks' numbers; with `counted`, each
 * page asks totalCount too (which changes how the page is read: text-days.ts).
 */
async function allPages(filter: string, order: 'NEWEST_FIRST' | 'OLDEST_FIRST', first: number, counted = false): Promise<number[]> {
  const numbers: number[] = [];
  let after: string | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const data = await ok(
      h,
      `query ($after: String) { statements(filter: ${filter}, orderBy: ${order}, first: ${first}, after: $after) { ${counted ? 'totalCount ' : ''}edges { node { text } } pageInfo { hasNextPage endCursor } } }`,
      { after },
    );
    const { edges, pageInfo } = data.statements;
    numbers.push(...edges.map((e: any) => Number(/number (\d+)/.exec(e.node.text)![1])));
    if (!pageInfo.hasNextPage) return numbers;
    expect(edges).toHaveLength(first);
    after = pageInfo.endCursor;
  }
  throw new Error('more than 100 pages');
}

describe('statements filtered by their words', () => {
  it('come page by page in date order, newest or oldest first, however far apart their days', async () => {
    const t = uniqueTag();
    const instants = [
      // The same UTC day twice, one of them written in another offset (its local day is the next one).
      '2061-03-10T01:30:00+05:00', '2061-03-09T12:00:00Z', '2061-03-09T08:00:00Z',
      '2061-03-08', '2061-03-01', '2061-01-15', '2060-06-01', '2058-01-01', '2050-05-05', '2040-01-01',
      '2010-07-07', '1985-02-02',
        // A dense month: more hits than one window may hold for a page of two, and scored above the others, so
      // that a window cut to Lucene's best hits would miss the others.
      ...Array.from({ length: 30 }, (_, i) => `2030-01-${String(i + 1).padStart(2, '0')}T${String(i % 24).padStart(2, '0')}:00:00Z`),
    ];
    const remarks: Remark[] = instants.map((at, n) => ({ at, n, speaker: n % 3 === 0 ? 'b' : 'a', long: n < 12 }));
    await withLoader((db) => ingestDocuments(db, articles(t, 'Harbour levy', remarks)));
    const newest = [...remarks].sort((x, y) => Date.parse(y.at) - Date.parse(x.at));
    const text = `text: "harbour levy ${t}"`;

    for (const first of [2, 7]) {
      expect(await allPages(`{ ${text} }`, 'NEWEST_FIRST', first), `pages of ${first}`).toEqual(newest.map((r) => r.n));
      expect(await allPages(`{ ${text} }`, 'OLDEST_FIRST', first), `pages of ${first}`).toEqual([...newest].reverse().map((r) => r.n));
    }
    expect(await allPages(`{ ${text} }`, 'NEWEST_FIRST', 3, true), 'pages of 3 with totalCount').toEqual(newest.map((r) => r.n));

    // With the other filters: one speaker, and local days (2061-03-10 is the first instant's day in its offset).
    const bilal = await personId(`Bilal Siddiqui ${t}`);
    const inRange = (r: Remark) => r.speaker === 'b' && r.at.slice(0, 10) >= '2030-01-10' && r.at.slice(0, 10) <= '2061-03-10';
    const filter = `{ ${text}, speaker: "${bilal}", from: "2030-01-10", to: "2061-03-10" }`;
    expect(await allPages(filter, 'NEWEST_FIRST', 2)).toEqual(newest.filter(inRange).map((r) => r.n));
    expect(await allPages(filter, 'OLDEST_FIRST', 3)).toEqual([...newest].reverse().filter(inRange).map((r) => r.n));
    const { statements } = await ok(h, `{ statements(filter: ${filter}) { totalCount } }`);
    expect(statements.totalCount).toBe(newest.filter(inRange).length);
  });

  it('read about as many hits for a page when the words are common as when they are rare', async () => {
    const t = uniqueTag();
    // One remark a day, ending on the same day, later than any other test's: the windows start there.
    const daily = (count: number): Remark[] =>
      Array.from({ length: count }, (_, i) => ({ at: new Date(Date.UTC(2090, 11, 31 - i)).toISOString().slice(0, 10), n: i, speaker: 'a' }));
    const [few, many] = [15, 150];
    await withLoader(async (db) => {
      await ingestDocuments(db, articles(`${t}r`, 'Rare tariff', daily(few)));
      await ingestDocuments(db, articles(`${t}c`, 'Common tariff', daily(many)));
    });
    await settlePlanner(h);
    const page = (words: string) => `{ statements(filter: { text: "${words}" }, first: 5) { edges { node { text } } pageInfo { hasNextPage } } }`;
    const [rare, common] = [await dbHits(h, page(`rare tariff ${t}r`)), await dbHits(h, page(`common tariff ${t}c`))];
    // Sorting every hit costs at least a hit apiece: 135 more for the common words.
    expect(common, `${rare} db hits with ${few} hits, ${common} with ${many}`).toBeLessThan(rare + (many - few) / 3);
    const { statements } = await ok(h, page(`common tariff ${t}c`));
    expect(statements.edges.map((e: any) => e.node.text)).toEqual([0, 1, 2, 3, 4].map((n) => `Common tariff ${t}c number ${n}`));
    expect(statements.pageInfo.hasNextPage).toBe(true);
  });

  it("start from the speaker's own newest statement when the filter names a speaker", async () => {
    const t = uniqueTag();
    // Amina spoke daily in 1995, Bilal daily until the newest day of the graph; the same words, as many times.
    const daily = (from: number, speaker: 'a' | 'b', first: number): Remark[] =>
      Array.from({ length: 150 }, (_, i) => ({ at: new Date(from + i * 86_400_000).toISOString().slice(0, 10), n: first + i, speaker }));
    await withLoader((db) =>
      ingestDocuments(db, articles(t, 'Quarry permit', [...daily(Date.UTC(1995, 0, 1), 'a', 0), ...daily(Date.UTC(2095, 0, 1), 'b', 150)])));
    await settlePlanner(h);
    const page = async (name: string) =>
      `{ statements(filter: { text: "quarry permit ${t}", speaker: "${await personId(name)}" }, first: 5) { edges { node { text } } pageInfo { hasNextPage } } }`;
    const [amina, bilal] = [await page(`Amina Qureshi ${t}`), await page(`Bilal Siddiqui ${t}`)];
    const [old, recent] = [await dbHits(h, amina), await dbHits(h, bilal)];
    expect(old, `${old} db hits for the speaker of 1995, ${recent} for the recent one`).toBeLessThan(recent + 30);
    const { statements } = await ok(h, amina);
    expect(statements.edges.map((e: any) => /number (\d+)/.exec(e.node.text)![1])).toEqual(['149', '148', '147', '146', '145']);
  });

  it('find statements written before their day was indexed, once the start-up migration has run', async () => {
    const t = uniqueTag();
    await withLoader((db) => ingestDocuments(db, articles(t, 'Old quay', [{ at: '2019-05-05', n: 1, speaker: 'a' }, { at: '2019-05-06', n: 2, speaker: 'b' }])));
    const page = `{ statements(filter: { text: "old quay ${t}" }) { edges { node { text } } } }`;
    await h.db.write('test.strip', (run) => run('MATCH (s:Statement) WHERE s.text ENDS WITH $end REMOVE s.searchDay', { end: `${t} number 1` }));
    // Counted (every hit), but not on a page, which reads the hits by their day.
    expect((await ok(h, `{ statements(filter: { text: "old quay ${t}" }) { totalCount } }`)).statements.totalCount).toBe(2);
    expect((await ok(h, page)).statements.edges).toEqual([{ node: { text: `Old quay ${t} number 2` } }]);

    await h.db.write('test.forget', (run) => run("MATCH (m:Migration {id: 'migration:statement-search-day'}) DETACH DELETE m"));
    await applySchema(h.db);
    expect((await ok(h, page)).statements.edges.map((e: any) => e.node.text)).toEqual([2, 1].map((n) => `Old quay ${t} number ${n}`));
  });
});

async function personId(name: string): Promise<string> {
  const [row] = await h.db.read('test.person', 'MATCH (p:Person {name: $name}) RETURN p.id AS id', { name });
  return row!.id as string;
}
