import type { Database } from './db/database.js';
import type { GraphReader } from './graph/reader.js';

/** What every resolver receives. Built per request in server.ts. */
export interface Context {
  requestId: string;
  db: Database;
  graph: GraphReader;
}
