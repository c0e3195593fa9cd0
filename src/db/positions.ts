import { type Integer, int } from 'neo4j-driver';

/**
 * Values listed once each, for a query that takes them as a list parameter and rows that name them by position.
 * A batch's rows name the same few thousand entities and few hundred days many times over; a position is one small
 * integer where the value would be a string to encode, send and decode every time. Positions are Cypher integers:
 * a JavaScript number arrives as a float, which cannot index a list.
 */
export class Positions<T = string> {
  readonly values: T[] = [];
  private readonly at = new Map<T, Integer>();

  /** The position of `value`, listed now if it was not yet. */
  of(value: T): Integer {
    let i = this.at.get(value);
    if (i === undefined) this.at.set(value, (i = int(this.values.push(value) - 1)));
    return i;
  }
}
