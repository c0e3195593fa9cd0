import neo4j, { type Driver, type ManagedTransaction, Neo4jError } from 'neo4j-driver';
import { QueryTimeoutError, ServiceUnavailableError } from '../common/errors.js';
import { toPlain } from './values.js';

export interface QueryEvent {
  name: string;
  cypher: string;
  params: Row;
  ms: number;
}

export interface DatabaseOptions {
  uri: string;
  user: string;
  password: string;
  database?: string;
  queryTimeoutMs: number;
}

export type Row = Record<string, unknown>;

/** Runs one statement inside the current write transaction; rows come back as plain values. */
export type Runner = <R = Row>(cypher: string, params?: Row) => Promise<R[]>;

/**
 * The one driver of the process and the only place that talks to Neo4j. Every query has a name, carried as
 * transaction metadata so Neo4j's query log and `SHOW TRANSACTIONS` trace it back to the code, and reported to
 * listeners (logging, and the tests that count round trips).
 */
export class Database {
  readonly driver: Driver;
  private readonly listeners = new Set<(event: QueryEvent) => void>();

  constructor(private readonly options: DatabaseOptions) {
    const auth = options.password ? neo4j.auth.basic(options.user, options.password) : undefined;
    this.driver = neo4j.driver(options.uri, auth, { disableLosslessIntegers: false });
  }

  onQuery(listener: (event: QueryEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** One read round trip; rows come back as plain values. */
  async read(name: string, cypher: string, params: Row = {}): Promise<Row[]> {
    return this.session('READ', name, (tx) => this.run(tx, name, cypher, params));
  }

  /** A write transaction: everything `work` runs commits together or not at all; retried on transient errors. */
  async write<T>(name: string, work: (run: Runner) => Promise<T>): Promise<T> {
    return this.session('WRITE', name, (tx) =>
      work(<R = Row>(cypher: string, params: Row = {}) => this.run(tx, name, cypher, params) as Promise<R[]>),
    );
  }

  /** Schema commands run in their own auto-commit transaction, as Neo4j requires. */
  async schema(name: string, cypher: string): Promise<void> {
    const session = this.driver.session({ database: this.options.database });
    try {
      await session.run(cypher, {}, { metadata: { query: name } });
    } catch (error) {
      throw translate(error);
    } finally {
      await session.close();
    }
  }

  /** The operators of the plan Neo4j would run for a query (EXPLAIN: nothing is executed), e.g. NodeUniqueIndexSeek. */
  async explain(cypher: string, params: Row = {}): Promise<string[]> {
    const session = this.driver.session({ database: this.options.database, defaultAccessMode: neo4j.session.READ });
    try {
      const { summary } = await session.run(`EXPLAIN ${cypher}`, params);
      const operators: string[] = [];
      const walk = (plan: { operatorType: string; children: unknown[] } | false) => {
        if (!plan) return;
        operators.push(plan.operatorType.replace(/@.*/, ''));
        plan.children.forEach((child) => walk(child as never));
      };
      walk(summary.plan as never);
      return operators;
    } finally {
      await session.close();
    }
  }

  async close(): Promise<void> {
    await this.driver.close();
  }

  private async session<T>(mode: 'READ' | 'WRITE', name: string, work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    const session = this.driver.session({
      database: this.options.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      // Shared bookmarks: on a cluster, a read after a write (a mutation's payload) sees that write.
      bookmarkManager: this.driver.executeQueryBookmarkManager,
    });
    const config = { timeout: this.options.queryTimeoutMs, metadata: { query: name } };
    try {
      return mode === 'READ' ? await session.executeRead(work, config) : await session.executeWrite(work, config);
    } catch (error) {
      throw translate(error);
    } finally {
      await session.close();
    }
  }

  private async run(tx: ManagedTransaction, name: string, cypher: string, params: Row): Promise<Row[]> {
    const started = performance.now();
    const result = await tx.run(cypher, params);
    const event = { name, cypher, params, ms: performance.now() - started };
    for (const listener of this.listeners) listener(event);
    return result.records.map((record) => toPlain(record.toObject()) as Row);
  }
}

// Outages and timeouts become client-facing errors; everything else stays as it is, to be logged and masked.
function translate(error: unknown): unknown {
  if (!(error instanceof Neo4jError)) return error;
  if (error.code === 'ServiceUnavailable' || error.code === 'SessionExpired') return new ServiceUnavailableError();
  if (error.code.includes('TransactionTimedOut') || error.code.includes('Transaction.Terminated')) {
    return new QueryTimeoutError();
  }
  return error;
}
