import { BadInputError } from '../common/errors.js';

export type SortKey = string | number | boolean | null;

/** Cursors are opaque to clients: the sort key and id of the last row seen, base64url-encoded JSON. */
export function encodeCursor(key: SortKey, id: string): string {
  return Buffer.from(JSON.stringify([key, id])).toString('base64url');
}

export function decodeCursor(cursor: string, field: string): { key: SortKey; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[1] === 'string' && isSortKey(value[0])) {
      return { key: value[0], id: value[1] };
    }
  } catch {
    // falls through to the error below: a cursor that is not ours is bad input, whatever broke
  }
  throw new BadInputError(`${field}: "${cursor}" is not a cursor this API issued; pass an endCursor from pageInfo.`, field);
}

function isSortKey(value: unknown): value is SortKey {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}
