import { describe, expect, it } from 'vitest';
import neo4j from 'neo4j-driver';
import { ADD_CO_MENTIONS, ADD_CONNECTIONS, batchConnections, connectionAdditions } from '../../src/entity/connections.js';

// What an ingest batch adds to CONNECTED and what it has counted again (src/entity/connections.ts).
describe('batchConnections', () => {
  it('adds new articles and statements to their pairs, once per pair, in pair order', () => {
    const { add, recount } = batchConnections({
      articles: [
        { created: true, publishedAt: '2022-01-02', mentions: ['topic:t', 'person:b', 'person:a', 'person:a'] },
        { created: true, publishedAt: '2022-01-05', mentions: ['person:b', 'person:a'] },
      ],
      statements: [
        // 00:30 in Karachi on the 5th is the 4th in UTC: earlier than the article of the 5th.
        { created: true, at: '2022-01-05T00:30:00+05:00', speakers: ['person:b'], about: ['person:a', 'person:b'] },
        { created: true, at: '2022-01-04T00:00:00Z', speakers: ['person:a'], about: ['person:b'] },
        { created: true, at: '2022-01-06T00:00:00Z', speakers: ['person:a'], about: ['person:b'] },
      ],
      cleared: [],
    });
    expect(recount).toEqual([]);
    expect(add).toEqual([
      // Two articles, one statement by b about a (ba: by the higher id about the lower), two by a about b.
      // Each direction's statements keep their own first and last date, for topSpeakers.
      {
        lo: 'person:a', hi: 'person:b', co: 2, ab: 2, ba: 1, first: '2022-01-02', last: '2022-01-06T00:00:00Z',
        abFirst: '2022-01-04T00:00:00Z', abLast: '2022-01-06T00:00:00Z', baFirst: '2022-01-05T00:30:00+05:00', baLast: '2022-01-05T00:30:00+05:00',
      },
      { lo: 'person:a', hi: 'topic:t', co: 1, ab: 0, ba: 0, first: '2022-01-02', last: '2022-01-02', abFirst: null, abLast: null, baFirst: null, baLast: null },
      { lo: 'person:b', hi: 'topic:t', co: 1, ab: 0, ba: 0, first: '2022-01-02', last: '2022-01-02', abFirst: null, abLast: null, baFirst: null, baLast: null },
    ]);
  });

  it('counts again every pair an article or statement that moved to another date touches, old version and links included', () => {
    const { add, subtract, recount } = batchConnections({
      articles: [{ created: false, publishedAt: '2022-01-02', mentions: ['person:c', 'person:a'] }],
      // This report names no target: the one it had before still counts.
      statements: [{ created: false, at: '2022-01-03T00:00:00Z', saidBefore: ['person:a'], aboutBefore: ['person:e'], speakers: ['person:a'], about: ['topic:t', 'person:a'] }],
      // A dropped statement still reported elsewhere, moved to the date of its earliest article.
      cleared: [{ mentioned: ['person:a', 'person:b'], dropped: [[['person:d'], ['person:a'], '2022-01-02T00:00:00Z', '2022-01-01T00:00:00Z']] }],
    });
    expect({ add, subtract }).toEqual({ add: [], subtract: [] });
    expect(recount).toEqual([
      ['person:a', 'person:b'],
      ['person:a', 'person:c'],
      ['person:a', 'person:d'],
      ['person:a', 'person:e'],
      ['person:a', 'topic:t'],
    ]);
  });

  it('adds, for a new version on the same day, the pairs it gained and takes away those it lost and its deleted statements', () => {
    const { add, subtract, recount } = batchConnections({
      articles: [{ created: false, sameDate: true, publishedAt: '2022-01-02', mentions: ['person:a', 'person:b', 'person:c', 'person:e'] }],
      statements: [],
      cleared: [{ mentioned: ['person:a', 'person:b', 'person:c', 'person:d'], dropped: [[['person:d'], ['person:a', 'person:d'], '2022-01-01T00:00:00Z', null]] }],
    });
    expect(recount).toEqual([]);
    const co = (lo: string, hi: string) => ({ lo, hi, co: 1, ab: 0, ba: 0, first: '2022-01-02', last: '2022-01-02', abFirst: null, abLast: null, baFirst: null, baLast: null });
    // Not a–b, a–c or b–c, which it connects in both versions, nor d–e, which it never connected together.
    expect(add).toEqual([co('person:a', 'person:e'), co('person:b', 'person:e'), co('person:c', 'person:e')]);
    expect(subtract).toEqual([
      // The statement by d about a (and itself, which connects nothing) deleted: d is the higher id.
      { ...co('person:a', 'person:d'), ba: 1, first: '2022-01-01T00:00:00Z', baFirst: '2022-01-01T00:00:00Z', baLast: '2022-01-01T00:00:00Z' },
      co('person:b', 'person:d'),
      co('person:c', 'person:d'),
    ]);
  });

  it('counts again the pairs of a speaker or target an existing statement gained', () => {
    const { add, subtract, recount } = batchConnections({
      articles: [],
      statements: [{ created: false, sameDate: true, at: '2022-01-03T00:00:00Z', saidBefore: ['person:a'], aboutBefore: ['person:b'], speakers: ['person:c'], about: ['topic:t'] }],
      cleared: [],
    });
    expect({ add, subtract }).toEqual({ add: [], subtract: [] });
    expect(recount).toEqual([
      ['person:a', 'topic:t'],
      ['person:b', 'person:c'],
      ['person:c', 'topic:t'],
    ]);
  });

  it('leaves an article or statement that came back unchanged alone, so a re-load counts nothing again', () => {
    const { add, subtract, recount } = batchConnections({
      articles: [{ created: false, sameDate: true, publishedAt: '2022-01-02', mentions: ['person:b', 'person:a'] }],
      statements: [{ created: false, sameDate: true, saidBefore: ['person:a'], aboutBefore: ['person:b'], at: '2022-01-02T00:00:00Z', speakers: ['person:a'], about: ['person:b'] }],
      cleared: [{ mentioned: ['person:a', 'person:b'], dropped: [] }],
    });
    expect({ add, subtract, recount }).toEqual({ add: [], subtract: [], recount: [] });
  });
});

// The additions' queries and parameters: entities and dates listed once, rows of positions (src/entity/connections.ts).
describe('connectionAdditions', () => {
  const { add } = batchConnections({
    articles: [
      { created: true, publishedAt: '2022-01-02', mentions: ['person:a', 'person:b', 'topic:t'] },
      { created: true, publishedAt: '2022-01-02', mentions: ['person:b', 'topic:t'] },
    ],
    statements: [{ created: true, at: '2022-01-03T00:00:00Z', speakers: ['person:b'], about: ['person:a'] }],
    cleared: [],
  });
  const numbers = (rows: unknown[][]) => rows.map((row) => row.map((v) => (v === null ? null : (v as { toNumber(): number }).toNumber())));

  it('sends pairs that only share articles to ADD_CO_MENTIONS and the others to ADD_CONNECTIONS, each pair once', () => {
    const [co, said, ...rest] = connectionAdditions(add, (id) => `element-${id}`);
    expect(rest).toEqual([]);
    expect(co!.cypher).toBe(ADD_CO_MENTIONS);
    expect(said!.cypher).toBe(ADD_CONNECTIONS);
    // Co-mentions: [lo, hi, co, first, last], entities and dates by position among their own lists.
    expect(co!.params.ids).toEqual(['person:a', 'topic:t', 'person:b']);
    expect(co!.params.nodes).toEqual(['element-person:a', 'element-topic:t', 'element-person:b']);
    expect(co!.params.dates).toEqual(['2022-01-02']);
    expect(numbers(co!.params.rows)).toEqual([
      [0, 1, 1, 0, 0],
      [2, 1, 2, 0, 0],
    ]);
    // [lo, hi, co, ab, ba, first, last, abFirst, abLast, baFirst, baLast]: b about a is `ba` (by the higher id).
    expect(said!.params.ids).toEqual(['person:a', 'person:b']);
    expect(said!.params.dates).toEqual(['2022-01-02', '2022-01-03T00:00:00Z']);
    expect(numbers(said!.params.rows)).toEqual([[0, 1, 1, 0, 1, 0, 1, null, null, 1, 1]]);
    // Positions go to Neo4j as integers, which can index a list (a JavaScript number would arrive as a float).
    expect([...co!.params.rows, ...said!.params.rows].flat().every((v) => v === null || neo4j.isInt(v))).toBe(true);
  });

  it('sends no query for a kind of pair the batch does not have', () => {
    const only = add.filter((d) => d.ab === 0 && d.ba === 0);
    expect(connectionAdditions(only, (id) => id).map((q) => q.cypher)).toEqual([ADD_CO_MENTIONS]);
    expect(connectionAdditions([], (id) => id)).toEqual([]);
  });

  it("leaves statement counts, their dates and the speakers' ranks out of the co-mention query", () => {
    for (const property of ['abFirst', 'baLast', 'loHeard', 'hiHeard', 'c.ab = c.ab']) expect(ADD_CO_MENTIONS).not.toContain(property);
    expect(ADD_CO_MENTIONS).toContain('c.ab = 0, c.ba = 0');
    for (const property of ['abFirst', 'baLast', 'loHeard', 'hiHeard', 'loRank']) expect(ADD_CONNECTIONS).toContain(property);
  });
});
