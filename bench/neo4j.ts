import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type LocalNeo4jOptions, startNeo4j, stopNeo4j } from '../neo4j/launcher.js';
import type { Database } from '../src/db/database.js';

/** Shared by the benchmarks: a throwaway local Neo4j, started from an empty folder. */

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface ThrowawayNeo4j {
  uri: string;
  /** Stops it; safe to call more than once. The folder stays until the next start wipes it. */
  stop: () => Promise<void>;
}

/**
 * Stops whatever instance `local.dir` still holds from an earlier run, wipes the folder and starts a fresh
 * Neo4j in it. A failed start leaves nothing running.
 */
export async function startThrowawayNeo4j(local: LocalNeo4jOptions): Promise<ThrowawayNeo4j> {
  await stopNeo4j(local);
  await fs.rm(local.dir, { recursive: true, force: true });
  process.stderr.write(`Starting a throwaway Neo4j on port ${local.port} in ${path.relative(REPO_ROOT, local.dir)}...\n`);
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await stopNeo4j(local);
  };
  try {
    return { uri: (await startNeo4j(local)).uri, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A Bolt port from the environment variable `name`, or `fallback` when unset. */
export function portFromEnv(name: string, fallback: number): number {
  const raw = process.env[name] || String(fallback);
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${name} must be a TCP port, got '${raw}'`);
  return port;
}

export interface GraphSize {
  articles: number;
  statements: number;
  entities: number;
  relationships: number;
}

/** What a benchmark's graph holds, for its report. */
export async function graphSize(db: Database): Promise<GraphSize> {
  const [row] = await db.read(
    'bench.size',
    `CALL () { MATCH (a:Article) RETURN count(a) AS articles }
     CALL () { MATCH (s:Statement) RETURN count(s) AS statements }
     CALL () { MATCH (e:Person|Organisation|Topic) RETURN count(e) AS entities }
     CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
     RETURN articles, statements, entities, relationships`,
  );
  return { articles: Number(row?.articles), statements: Number(row?.statements), entities: Number(row?.entities), relationships: Number(row?.relationships) };
}
