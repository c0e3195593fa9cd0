import { Neo4jError } from 'neo4j-driver';

/**
 * Writers colliding on the same nodes: a deadlock, a lock not granted within db.lock.acquisition.timeout, or a
 * lock wait cut short because its transaction was stopped (classified a client error by Neo4j 5, a transient
 * one before). Retrying after a pause usually succeeds once the other writer has committed.
 */
const LOCK_CONFLICT = /\.Transaction\.(DeadlockDetected|LockAcquisitionTimeout|LockClientStopped)$/;

export function isLockConflict(error: unknown): boolean {
  return error instanceof Neo4jError && LOCK_CONFLICT.test(error.code);
}

/**
 * A transaction that read data another one changed under it (a relationship deleted while it was being followed,
 * say): Neo4j cannot go on with it and asks for it again. Reads meet it while articles are updated.
 */
export function isOutdated(error: unknown): boolean {
  return error instanceof Neo4jError && error.code === 'Neo.TransientError.Transaction.Outdated';
}

/**
 * The database cannot serve right now: the connection went away (it stopped or restarted, or a pooled connection
 * was stale), or the server is up but its database is not online yet.
 */
const UNAVAILABLE = new Set(['ServiceUnavailable', 'SessionExpired', 'Neo.TransientError.General.DatabaseUnavailable']);

export function isUnavailable(error: unknown): boolean {
  return error instanceof Neo4jError && UNAVAILABLE.has(error.code);
}

/**
 * The pause before retry number `attempt` (1, 2, …): exponential up to `capMs`, with full jitter, so writers
 * that collided do not collide again in step.
 */
export function backoffMs(attempt: number, baseMs = 50, capMs = 1_000): number {
  return Math.random() * Math.min(capMs, baseMs * 2 ** (attempt - 1));
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * `work`, or `expired()`'s error once `ms` have passed without it settling. `work` is not stopped (a promise
 * cannot be); its late outcome is ignored.
 */
export function withDeadline<T>(work: Promise<T>, ms: number, expired: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      work.catch(() => undefined);
      reject(expired());
    }, Math.max(ms, 0));
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
