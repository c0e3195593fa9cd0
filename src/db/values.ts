import neo4j from 'neo4j-driver';

/**
 * Converts driver values (Integer, Date, DateTime, nodes in maps and lists) to plain JSON values. Applied exactly
 * once, to each record leaving the database, so nothing above the db layer sees a driver type.
 */
export function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (neo4j.isInt(value)) return value.toNumber();
  // Neo4j prints temporals in ISO 8601 (2022-09-28, 2022-09-28T00:00:00Z), which is what the scalars expect.
  if (neo4j.isDate(value) || neo4j.isDateTime(value) || neo4j.isLocalDateTime(value)) return value.toString();
  if (Array.isArray(value)) return value.map(toPlain);
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toPlain(v)]));
  }
  return value;
}

