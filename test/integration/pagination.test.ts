import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest, seed, uniqueTag } from './fixtures.js';
import { type Harness, startHarness } from './harness.js';

// Nine statements about a topic of this file's own, on days chosen so that order matters: the undated one takes
// its article's day (the newest), and two share a day across the boundary of the first and second pages.
const t = uniqueTag();
const PUBLISHED = '2022-01-10';
const SAID_ON = ['2021-07-19', '2020-11-30', '2021-09-09', null, '2019-02-01', '2021-07-19', '2020-01-15', '2021-12-01', '2018-06-30'];
const NEWEST_FIRST = ['2022-01-10', '2021-12-01', '2021-09-09', '2021-07-19', '2021-07-19', '2020-11-30', '2020-01-15', '2019-02-01', '2018-06-30'];

// People of this file's own, listed out of order, in mixed case and with accents.
const PEOPLE = [`Zoë ${t}`, `Émile ${t}`, `adam ${t}`, `Bilal ${t}`];

let h: Harness;
let topic: string;
let statementIds: string[];
beforeAll(async () => {
  h = await startHarness();
  await seed();
  const texts = SAID_ON.map((_, i) => `Remark ${i} on water rates ${t}`);
  const loaded = await ingest({
    title: `Water rates ${t}`,
    publishedAt: PUBLISHED,
    entities: [
      { ref: 'a', type: 'PERSON', name: `Rubina ${t}` },
      { ref: 'b', type: 'PERSON', name: `Tariq ${t}` },
      { ref: 'w', type: 'TOPIC', name: `Water rates ${t}` },
      ...PEOPLE.map((name, i) => ({ ref: `p${i}`, type: 'PERSON', name })),
    ],
    statements: SAID_ON.map((saidOn, i) => ({ speaker: i % 2 ? 'a' : 'b', text: texts[i], saidOn, about: ['w'] })),
    mentions: ['w', ...PEOPLE.map((_, i) => `p${i}`)],
  });
  topic = loaded.entity(`Water rates ${t}`);
  statementIds = texts.map(loaded.statement);
});
afterAll(() => h.close());

const PAGE = `query ($after: String, $order: StatementOrder, $about: ID) {
  statements(first: 4, after: $after, orderBy: $order, filter: { about: $about }) {
    totalCount edges { cursor node { id date } } pageInfo { hasNextPage hasPreviousPage endCursor startCursor } } }`;

async function walk(order: string) {
  const ids: string[] = [];
  const dates: string[] = [];
  let after: string | null = null;
  for (let page = 0; page < 10; page++) {
    const { data, errors }: { data?: any; errors?: readonly unknown[] } = await h.execute(PAGE, { after, order, about: topic });
    expect(errors).toBeUndefined();
    const conn: any = data!.statements;
    ids.push(...conn.edges.map((e: any) => e.node.id));
    dates.push(...conn.edges.map((e: any) => e.node.date));
    expect(conn.pageInfo.hasPreviousPage).toBe(after !== null);
    if (conn.edges.length) expect(conn.pageInfo.endCursor).toBe(conn.edges.at(-1).cursor);
    if (!conn.pageInfo.hasNextPage) return { ids, dates, total: conn.totalCount };
    after = conn.pageInfo.endCursor;
  }
  throw new Error('pagination did not end');
}

describe('statements are keyset-paginated', () => {
  it('walks every statement exactly once, newest first, in pages of four', async () => {
    const { ids, dates, total } = await walk('NEWEST_FIRST');
    expect(total).toBe(SAID_ON.length);
    expect(ids).toHaveLength(total);
    expect(new Set(ids)).toEqual(new Set(statementIds));
    expect(dates).toEqual(NEWEST_FIRST);
    // The undated statement is placed on its article's day.
    expect(ids[0]).toBe(statementIds[SAID_ON.indexOf(null)]);
  });

  it('walks the same statements oldest first in the reverse order', async () => {
    const newest = await walk('NEWEST_FIRST');
    const oldest = await walk('OLDEST_FIRST');
    expect(oldest.dates).toEqual([...NEWEST_FIRST].reverse());
    expect(oldest.ids).toEqual([...newest.ids].reverse());
  });

  it('uses first: 0 to ask only whether there is anything', async () => {
    const { data } = await h.execute('{ statements(first: 0) { edges { cursor } pageInfo { hasNextPage } } }');
    expect(data!.statements).toEqual({ edges: [], pageInfo: { hasNextPage: true } });
  });

  it('lists people in name order and filters them by any name or alias, ignoring case and accents', async () => {
    const { data } = await h.execute('query ($t: String) { ours: people(filter: { name: $t }) { edges { node { name } } } zuberi: people(filter: { name: "ZUBÉRI" }) { edges { node { name } } } }', { t });
    expect(data!.ours.edges.map((e: any) => e.node.name)).toEqual([`adam ${t}`, `Bilal ${t}`, `Émile ${t}`, `Rubina ${t}`, `Tariq ${t}`, `Zoë ${t}`]);
    expect(data!.zuberi.edges).toEqual([{ node: { name: 'Kokab Zuberi' } }]);
  });
});
