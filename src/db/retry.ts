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
 * The database cannot serve right now: the connection went away (it stopped or restarted, or a pooled connection
 * was stale), or the server is up but its database is not online yet.
 */
const UNAVAILABLE = new Set(['ServiceUnavailable', 'SessionExpired', 'Neo.TransientError.General.DatabaseUnavailable']);

export function isUnavailable(error: unknown): boolean {
  return error instanceof Neo4jError && UNAVAILABLE.has(error.code);
}

/**
 * The pause before retry number `attempt` (1, 2, …): exponential up to one second, with full jitter, so writers
 * that collided do not collide again in step.
 */
export function backoffMs(attempt: number, baseMs = 50): number {
  return Math.random() * Math.min(1_000, baseMs * 2 ** (attempt - 1));
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
