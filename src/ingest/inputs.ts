import type { Database } from '../db/database.js';
import type { StoredInput } from '../extract/input/records.js';
import { STORED_INPUTS } from './cypher.js';

/** The articles stored from these raw inputs, by input hash (extract/input/input-hash.ts); one index seek each. */
export async function storedInputs(db: Database, hashes: readonly string[]): Promise<Map<string, StoredInput>> {
  const rows = await db.read('ingest.inputs.stored', STORED_INPUTS, { hashes: [...hashes] });
  return new Map(rows.map((r) => [r.hash as string, { id: r.id as string, url: r.url as string | null }]));
}
