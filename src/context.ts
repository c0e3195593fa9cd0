import type { Database } from './db/database.js';
import type { GraphReader } from './graph/reader.js';

/** What every resolver receives. Built per request in server.ts. */
export interface Context {
  requestId: string;
  /** The request carried a valid bearer token (see common/auth.ts). */
  canWrite: boolean;
  db: Database;
  graph: GraphReader;
}
