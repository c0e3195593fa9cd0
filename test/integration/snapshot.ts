import type { Database } from '../../src/db/database.js';

export interface GraphSnapshot {
  nodes: [string[], Record<string, unknown>][];
  rels: [string, string, string, Record<string, unknown>][];
}

/** Everything in the graph as a comparable value: each node's labels and properties, each relationship. */
export async function graphSnapshot(db: Database): Promise<GraphSnapshot> {
  const [row] = await db.read(
    'test.snapshot',
    `RETURN COLLECT { MATCH (n) WITH n ORDER BY n.id RETURN [labels(n), properties(n)] } AS nodes,
            COLLECT { MATCH (a)-[r]->(b) WITH a, r, b ORDER BY a.id, type(r), b.id, r.roleKey RETURN [a.id, type(r), b.id, properties(r)] } AS rels`,
  );
  return row as unknown as GraphSnapshot;
}
