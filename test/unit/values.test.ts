import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { toPlain } from '../../src/db/values.js';

describe('toPlain', () => {
  it('turns driver integers and temporals into numbers and ISO strings, at any depth', () => {
    const record = {
      count: neo4j.int(42),
      day: new neo4j.types.Date(2022, 9, 28),
      at: new neo4j.types.DateTime(2023, 1, 1, 0, 30, 0, 0, 5 * 3600),
      utc: new neo4j.types.DateTime(2022, 9, 28, 12, 0, 0, 0, 0),
      nested: { list: [neo4j.int(1), { when: new neo4j.types.Date(2021, 1, 2) }, null, undefined], text: 'x', flag: false },
      missing: undefined,
    };
    expect(toPlain(record)).toEqual({
      count: 42,
      day: '2022-09-28',
      at: '2023-01-01T00:30:00+05:00',
      utc: '2022-09-28T12:00:00Z',
      nested: { list: [1, { when: '2021-01-02' }, null, null], text: 'x', flag: false },
      missing: null,
    });
  });

  it('converts the maps and lists of an answer in place, copying only other driver objects', () => {
    const list = [neo4j.int(1)];
    const record = { list, map: { n: neo4j.int(2) } };
    const plain = toPlain(record) as typeof record;
    expect(plain).toBe(record);
    expect(plain.list).toBe(list);
    expect(plain).toEqual({ list: [1], map: { n: 2 } });
  });
});
