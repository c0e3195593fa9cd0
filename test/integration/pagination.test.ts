import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSeed } from '../../src/ingest/seed.js';
import { type Harness, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await loadSeed(h.db);
});
afterAll(() => h.close());

const PAGE = `query ($after: String, $order: StatementOrder) {
  statements(first: 4, after: $after, orderBy: $order, filter: { about: "topic:the-diplomatic-cypher" }) {
    totalCount edges { cursor node { id date } } pageInfo { hasNextPage hasPreviousPage endCursor startCursor } } }`;

async function walk(order: string) {
  const ids: string[] = [];
  const dates: string[] = [];
  let after: string | null = null;
  for (let page = 0; page < 10; page++) {
    const { data, errors }: { data?: any; errors?: readonly unknown[] } = await h.execute(PAGE, { after, order });
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
    expect(total).toBeGreaterThan(4);
    expect(ids).toHaveLength(total);
    expect(new Set(ids).size).toBe(total);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it('walks the same statements oldest first in the reverse order', async () => {
    const newest = await walk('NEWEST_FIRST');
    const oldest = await walk('OLDEST_FIRST');
    expect(oldest.ids).toEqual([...newest.ids].reverse());
  });

  it('uses first: 0 to ask only whether there is anything', async () => {
    const { data } = await h.execute('{ statements(first: 0) { edges { cursor } pageInfo { hasNextPage } } }');
    expect(data!.statements).toEqual({ edges: [], pageInfo: { hasNextPage: true } });
  });

  it('lists people in name order and filters them by any name or alias, ignoring case and accents', async () => {
    const { data } = await h.execute('{ all: people { edges { node { name } } } zuberi: people(filter: { name: "ZUBÉRI" }) { edges { node { name } } } }');
    const names = data!.all.edges.map((e: any) => e.node.name);
    expect(names).toEqual([...names].sort((a: string, b: string) => a.localeCompare(b)));
    expect(data!.zuberi.edges).toEqual([{ node: { name: 'Kokab Zuberi' } }]);
  });
});
