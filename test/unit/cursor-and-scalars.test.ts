import { describe, expect, it } from 'vitest';
import { parseValue, Kind } from 'graphql';
import { scalarResolvers, isIsoDate, isIsoDateTime } from '../../src/common/scalars.js';
import { decodeCursor, encodeCursor } from '../../src/graph/cursor.js';

describe('cursors', () => {
  it('round-trip the sort key and id', () => {
    const cursor = encodeCursor('2022-09-28T00:00:00Z', 'statement:abc');
    expect(decodeCursor(cursor, 'after', 'datetime')).toEqual({ key: '2022-09-28T00:00:00Z', id: 'statement:abc' });
  });

  it('reject anything else as bad input naming the argument', () => {
    for (const bad of ['', 'xyz', Buffer.from('[1]').toString('base64url'), Buffer.from('{"a":1}').toString('base64url')]) {
      expect(() => decodeCursor(bad, 'people.after', 'string')).toThrow(/people.after: .* is not a cursor this API issued/);
    }
  });
});

describe('date scalars', () => {
  it('accept real calendar dates only', () => {
    expect(isIsoDate('2022-09-28')).toBe(true);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2022-9-28')).toBe(false);
    expect(isIsoDate('28/09/2022')).toBe(false);
  });

  it('accept date-times with an offset only', () => {
    expect(isIsoDateTime('2022-09-28T14:30:00Z')).toBe(true);
    expect(isIsoDateTime('2022-09-28T14:30:00.123+05:00')).toBe(true);
    expect(isIsoDateTime('2022-09-28T14:30:00')).toBe(false);
    expect(isIsoDateTime('2022-09-31T14:30:00Z')).toBe(false);
  });

  it('explain what they expect when a value is wrong', () => {
    expect(() => scalarResolvers.Date.parseValue('tomorrow')).toThrow('Date must be an ISO 8601 calendar date such as 2022-09-28; got "tomorrow".');
    expect(() => scalarResolvers.Date.parseLiteral(parseValue('20220928'))).toThrow(/got "20220928"/);
    expect(scalarResolvers.Date.parseLiteral({ kind: Kind.STRING, value: '2022-09-28' })).toBe('2022-09-28');
  });
});
