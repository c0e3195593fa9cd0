import { BadInputError } from '../common/errors.js';
import { isIsoDateTime } from '../common/scalars.js';

export type SortKey = string | number | boolean | null;

/** What a connection sorts on: a date-time (as Neo4j prints it, ISO 8601), a string or a number. */
export type SortKeyType = 'datetime' | 'string' | 'number';

const KEY_CHECKS: Record<SortKeyType, (key: unknown) => boolean> = {
  datetime: (key) => typeof key === 'string' && isIsoDateTime(key),
  string: (key) => typeof key === 'string',
  number: (key) => typeof key === 'number' && Number.isFinite(key),
};

/** Cursors are opaque to clients: the sort key and id of the last row seen, base64url-encoded JSON. */
export function encodeCursor(key: SortKey, id: string): string {
  return Buffer.from(JSON.stringify([key, id])).toString('base64url');
}

/**
 * The key and id in `cursor`, checked against what the connection sorts on (`keyType`),
 * so a forged or foreign cursor is bad input here rather than a type error inside Cypher.
 */
export function decodeCursor(cursor: string, field: string, keyType: SortKeyType): { key: SortKey; id: string } {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    // not JSON: refused below, like any other cursor that is not ours
  }
  if (Array.isArray(value) && value.length === 2 && typeof value[1] === 'string' && KEY_CHECKS[keyType](value[0])) {
    return { key: value[0] as SortKey, id: value[1] };
  }
  throw new BadInputError(`${field}: "${cursor}" is not a cursor this API issued for this list; pass an endCursor from its pageInfo.`, field);
}
