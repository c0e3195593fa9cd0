/**
 * Every ingest query starts with this. A bulk load changes the graph's statistics so fast that Neo4j would plan
 * each query again every few seconds, at 0.1 s or more apiece; but these plans rest on uniqueness constraints,
 * indexes and element ids, not on statistics (they come out the same on an empty graph), so the first one stays.
 */
export const KEEP_PLAN = 'CYPHER replan=skip';
