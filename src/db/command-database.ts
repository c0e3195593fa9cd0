import { localOptionsFromEnv } from '../../neo4j/launcher.js';
import { loadConfig } from '../config.js';
import { Database } from './database.js';

/**
 * The database an operator's command (ingest, seed, check:graph) works on: NEO4J_URI with its credentials, or else
 * the local Neo4j (LOCAL_NEO4J_BOLT_PORT), with a query timeout of the command's own, far longer than an API query's.
 */
export function commandDatabase(queryTimeoutMs: number): Database {
  const config = loadConfig();
  const uri = config.NEO4J_URI ?? `bolt://127.0.0.1:${localOptionsFromEnv().port}`;
  return new Database({ uri, user: config.NEO4J_USER, password: config.NEO4J_PASSWORD, database: config.NEO4J_DATABASE, queryTimeoutMs });
}
