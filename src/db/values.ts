import neo4j from 'neo4j-driver';

/**
 * Converts driver values (Integer, Date, DateTime, nodes in maps and lists) to plain JSON values. Applied exactly
 * once, to each record leaving the database, so nothing above the db layer sees a driver type. It visits every
 * value of every answer (a six-level query returns thousands), so the common cases come first: scalars, then the
 * plain objects the driver makes for maps, before the driver's type checks.
 */
export function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = toPlain(value[i]);
    return out;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) {
    if (neo4j.isInt(value)) return value.toNumber();
    // Neo4j prints temporals in ISO 8601 (2022-09-28, 2022-09-28T00:00:00Z), which is what the scalars expect.
    if (neo4j.isDate(value) || neo4j.isDateTime(value) || neo4j.isLocalDateTime(value)) return value.toString();
  }
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = toPlain(v);
  return out;
}
