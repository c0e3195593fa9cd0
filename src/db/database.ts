import neo4j, { type Driver, Neo4jError, Session, type Transaction } from 'neo4j-driver';
import { LimitExceededError, QueryTimeoutError, ServiceUnavailableError, WriteConflictError } from '../common/errors.js';
import { joinBoltMessages } from './bolt-messages.js';
import { backoffMs, isLockConflict, isOutdated, isUnavailable, sleep, withDeadline } from './retry.js';
import { toPlain } from './values.js';

export interface QueryEvent {
  name: string;
  /** READ transactions go to any member of a cluster (followers), WRITE ones to the leader. */
  mode: 'READ' | 'WRITE';
  cypher: string;
  params: Row;
  ms: number;
}

export interface DatabaseOptions {
  uri: string;
  user: string;
  password: string;
  database?: string;
  /** Reads are stopped by Neo4j after this long (QUERY_TIMEOUT). */
  queryTimeoutMs: number;
  /** Write transactions get their own, usually longer, timeout; defaults to queryTimeoutMs. */
  writeTimeoutMs?: number;
  /** How long to wait for a connection before answering SERVICE_UNAVAILABLE; defaults to 1 s. */
  connectTimeoutMs?: number;
  /** Connections kept to the database at most (the driver's pool); requests beyond them wait for one. Defaults to 100. */
  maxConnections?: number;
  /**
   * Attempts of a write whose locks collide with other writers' before WRITE_CONFLICT; defaults to 12. All of them
   * together stay within the write timeout: twenty writers naming the same new people need several rounds.
   */
  writeAttempts?: number;
}

export type Row = Record<string, unknown>;

// Large answers decode at full speed (bolt-messages.ts); before any driver exists.
joinBoltMessages();

/** Runs one statement inside the current write transaction; rows come back as plain values. */
export type Runner = <R = Row>(cypher: string, params?: Row) => Promise<R[]>;

/**
 * The one driver of the process and the only place that talks to Neo4j. Every query has a name, carried as
 * transaction metadata so Neo4j's query log and `SHOW TRANSACTIONS` trace it back to the code, and reported to
 * listeners (logging, and the tests that count round trips).
 *
 * Retries are ours, not the driver's (its transaction functions keep retrying an absent database for 30 s):
 * a dropped connection is tried once more at once, colliding writers a bounded number of times with jitter.
 */
export class Database {
  readonly driver: Driver;
  private readonly listeners = new Set<(event: QueryEvent) => void>();

  constructor(private readonly options: DatabaseOptions) {
    const auth = options.password ? neo4j.auth.basic(options.user, options.password) : undefined;
    const connectTimeoutMs = options.connectTimeoutMs ?? 1_000;
    this.driver = neo4j.driver(options.uri, auth, {
      disableLosslessIntegers: false,
      connectionTimeout: connectTimeoutMs,
      // Waiting for a pooled connection under load is queueing, not an outage: it may take as long as a read. An
      // absent database still fails at once, since opening a connection is bounded by connectionTimeout.
      connectionAcquisitionTimeout: Math.max(2 * connectTimeoutMs, options.queryTimeoutMs),
      maxConnectionPoolSize: options.maxConnections ?? 100,
    });
  }

  get uri(): string {
    return this.options.uri;
  }

  onQuery(listener: (event: QueryEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * One read round trip; rows come back as plain values. A single query needs no explicit transaction: run
   * auto-commit, it is one message to Neo4j instead of three (BEGIN, RUN, COMMIT), and on this project's machine
   * each socket write costs about half a millisecond, a third of a simple lookup's time. It is still a READ
   * transaction, routed to a follower on a cluster, with the same timeout and bookmarks.
   */
  async read(name: string, cypher: string, params: Row = {}): Promise<Row[]> {
    return this.transaction('READ', name, (session, config) => this.run(session, 'READ', name, cypher, params, config));
  }

  /**
   * A write transaction: everything `work` runs commits together or not at all. Lock waits and deadlocks with
   * other writers are retried (so `work` may run more than once), then reported as WRITE_CONFLICT.
   */
  async write<T>(name: string, work: (run: Runner) => Promise<T>): Promise<T> {
    return this.transaction('WRITE', name, (session, config) =>
      inTransaction(session, config, (tx) => work(<R = Row>(cypher: string, params: Row = {}) => this.run(tx, 'WRITE', name, cypher, params) as Promise<R[]>)),
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

  private async transaction<T>(mode: 'READ' | 'WRITE', name: string, work: (session: Session, config: TxConfig) => Promise<T>): Promise<T> {
    const timeout = mode === 'READ' ? this.options.queryTimeoutMs : (this.options.writeTimeoutMs ?? this.options.queryTimeoutMs);
    const maxAttempts = mode === 'READ' ? 2 : (this.options.writeAttempts ?? 12);
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(mode, work, { timeout, metadata: { query: name } });
      } catch (error) {
        const pause = isUnavailable(error) && attempt === 1 ? 0 : isLockConflict(error) || isOutdated(error) ? backoffMs(attempt) : undefined;
        if (pause === undefined || attempt >= maxAttempts || Date.now() - started + pause > timeout) throw translate(error);
        await sleep(pause);
      }
    }
  }

  /**
   * One try of a transaction, bounded on this side too: Neo4j stops it at `timeout`, but a database that stopped
   * answering (a frozen process, a dead network path) never says so, and an open pooled connection would wait on
   * it forever. Past the timeout and a margin for the database's own answer, the caller gets SERVICE_UNAVAILABLE;
   * the abandoned try ends by itself whenever the database answers again.
   */
  private async attempt<T>(mode: 'READ' | 'WRITE', work: (session: Session, config: TxConfig) => Promise<T>, config: TxConfig): Promise<T> {
    const margin = Math.max(2_000, config.timeout / 2);
    return withDeadline(
      this.inSession(mode, work, config),
      config.timeout + margin,
      () => new ServiceUnavailableError('The graph database did not answer in time; try again shortly.'),
    );
  }

  private async inSession<T>(mode: 'READ' | 'WRITE', work: (session: Session, config: TxConfig) => Promise<T>, config: TxConfig): Promise<T> {
    const session = this.driver.session({
      database: this.options.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      // Shared bookmarks: on a cluster, a read after a write (a mutation's payload) sees that write.
      bookmarkManager: this.driver.executeQueryBookmarkManager,
    });
    try {
      return await work(session, config);
    } finally {
      await session.close();
    }
  }

  /** A query in an explicit transaction (`tx`), or auto-commit in `session` under `config`. */
  private async run(on: Transaction | Session, mode: 'READ' | 'WRITE', name: string, cypher: string, params: Row, config?: TxConfig): Promise<Row[]> {
    const started = performance.now();
    const result = await withoutCallerStack(() => (on instanceof Session ? on.run(cypher, params, config) : on.run(cypher, params))).catch(
      (error: unknown) => {
        // What the caller's stack used to tell the logs (see withoutCallerStack).
        if (error instanceof Neo4jError) Object.assign(error, { queryName: name });
        throw error;
      },
    );
    const event = { name, mode, cypher, params, ms: performance.now() - started };
    for (const listener of this.listeners) listener(event);
    return result.records.map((record) => toPlain(record.toObject()) as Row);
  }
}

/**
 * Runs `start` (which must start the query synchronously) with stack traces off. The driver records the caller's
 * stack on every result, to add it to an error that may come later; formatting it through source maps (the server
 * runs under tsx) costs about 0.06 ms a query, a tenth of a small lookup's CPU in this process. A database error
 * carries the query's name instead (`queryName`, in the logs; also the transaction's metadata in Neo4j's).
 */
function withoutCallerStack<T>(start: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return start();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

interface TxConfig {
  timeout: number;
  metadata: Row;
}

/** Runs `work` in an explicit transaction of `session`: committed if it succeeds, else rolled back at once. */
async function inTransaction<T>(session: Session, config: TxConfig, work: (tx: Transaction) => Promise<T>): Promise<T> {
  const tx = session.beginTransaction(config);
  try {
    const result = await work(tx);
    await tx.commit();
    return result;
  } catch (error) {
    // Releases the locks now rather than at the timeout; the first error is the one worth reporting.
    if (tx.isOpen()) await tx.rollback().catch(() => undefined);
    throw error;
  }
}

// Outages, timeouts and lasting write conflicts become client-facing errors; everything else stays as it is, to
// be logged and masked.
function translate(error: unknown): unknown {
  if (!(error instanceof Neo4jError)) return error;
  if (isUnavailable(error)) return new ServiceUnavailableError();
  // Every pooled connection stayed busy for the whole wait (the driver gives this error no code of its own).
  if (error.message.startsWith('Connection acquisition timed out')) {
    return new ServiceUnavailableError('The server is too busy to reach the graph database right now; try again shortly.');
  }
  if (isLockConflict(error)) return new WriteConflictError();
  if (isOutdated(error)) return new ServiceUnavailableError('The data changed while it was being read; try again shortly.');
  if (error.code.includes('TransactionTimedOut') || error.code.includes('Transaction.Terminated')) {
    return new QueryTimeoutError();
  }
  // The database's per-transaction memory cap (db.memory.transaction.max) stopped it.
  if (error.code.includes('MemoryPoolOutOfMemoryError') || error.code.includes('TransactionMemoryLimit')) {
    return new LimitExceededError('The query needed more memory than one request may use; narrow it (fewer items, fewer hops, a date range).', { limit: 'memory' });
  }
  return error;
}
