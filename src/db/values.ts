import neo4j from 'neo4j-driver';

/**
 * Converts driver values (Integer, Date, DateTime, nodes in maps and lists) to plain JSON values. Applied exactly
 * once, to each record leaving the database, so nothing above the db layer sees a driver type. It visits every
 * value of every answer (a six-level query returns thousands), so the common cases come first: scalars, then the
 * plain objects the driver makes for maps, before the driver's type checks. Lists and plain maps are converted in
 * place: the driver makes them afresh for each answer, and nothing else reads them (0.36 against 0.57 ms for the
 * six-level query's answer, copying).
 */
export function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = toPlain(value[i]);
    return value;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) {
    if (neo4j.isInt(value)) return value.toNumber();
    // Neo4j prints temporals in ISO 8601 (2022-09-28, 2022-09-28T00:00:00Z), which is what the scalars expect.
    if (neo4j.isDate(value) || neo4j.isDateTime(value) || neo4j.isLocalDateTime(value)) return value.toString();
    // Another driver type (a node, say): its fields, copied.
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) out[key] = toPlain(v);
    return out;
  }
  const map = value as Record<string, unknown>;
  for (const key in map) map[key] = toPlain(map[key]);
  return map;
}
