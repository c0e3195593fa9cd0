import { GraphQLError } from 'graphql';
import { isRetryableError } from 'neo4j-driver';
import { backoffMs, sleep, withDeadline } from './retry.js';

/** A start that could not complete: says which step failed and what the operator can do about it. */
export class StartupError extends Error {}

// Codes of our own errors that mean "the database is slow or not there yet", worth another try at start.
const PASSING = new Set(['SERVICE_UNAVAILABLE', 'QUERY_TIMEOUT', 'WRITE_CONFLICT']);

function isPassing(error: unknown): boolean {
  if (error instanceof GraphQLError) return PASSING.has(String(error.extensions.code));
  return isRetryableError(error);
}

/**
 * Runs one step of the start (waiting for the database, the schema, the seed), retrying passing failures with
 * backoff until `deadline` (epoch ms). A step still failing then, or failing for good, stops the start naming
 * the step and `advice`.
 */
export async function startupStep<T>(step: string, deadline: number, work: () => Promise<T>, advice: string): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const remaining = deadline - Date.now();
    try {
      return await withDeadline(work(), remaining, () => new Error('not done within STARTUP_TIMEOUT_MS'));
    } catch (error) {
      const pause = backoffMs(attempt, 500, 5_000);
      if (!isPassing(error) || Date.now() + pause >= deadline) {
        const cause = error instanceof Error ? error.message : String(error);
        throw new StartupError(`Startup failed while ${step}: ${cause}\n${advice}`);
      }
      await sleep(pause);
    }
  }
}
