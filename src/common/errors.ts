import { GraphQLError } from 'graphql';

// Expected failures carry a code clients can switch on. Anything else is masked by formatError (server.ts).

export class BadInputError extends GraphQLError {
  /** `field` names the argument at fault (`person.statements.first`); `problems` lists several at once. */
  constructor(message: string, field?: string, problems?: readonly { path: string; message: string }[]) {
    super(message, { extensions: { code: 'BAD_USER_INPUT', ...(field ? { field } : {}), ...(problems ? { problems } : {}) } });
  }
}

export class NotFoundError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: 'NOT_FOUND' } });
  }
}

export class ServiceUnavailableError extends GraphQLError {
  constructor(message = 'The graph database is unavailable; try again shortly.') {
    super(message, { extensions: { code: 'SERVICE_UNAVAILABLE' } });
  }
}

export class QueryTimeoutError extends GraphQLError {
  constructor() {
    super('The query took too long and was stopped; narrow it (fewer items, fewer hops, a date range).', {
      extensions: { code: 'QUERY_TIMEOUT' },
    });
  }
}

export class UnauthenticatedError extends GraphQLError {
  constructor(message = 'This operation needs credentials: send an Authorization: Bearer <token> header.') {
    super(message, { extensions: { code: 'UNAUTHENTICATED' } });
  }
}

/** An operation over a configured limit (depth, aliases, cost …): refused before any work. */
export class LimitExceededError extends GraphQLError {
  constructor(message: string, details: { limit: string; max?: number; actual?: number }) {
    super(message, { extensions: { code: 'QUERY_TOO_COMPLEX', ...details } });
  }
}

/** Writers kept colliding on the same nodes (lock waits, deadlocks) after bounded retries. */
export class WriteConflictError extends GraphQLError {
  constructor(message = 'Other writes kept touching the same data; the write was not made. Retry it shortly.') {
    super(message, { extensions: { code: 'WRITE_CONFLICT' } });
  }
}

/** A client spent its cost budget (RATE_LIMIT_COST_PER_MINUTE). */
export class RateLimitedError extends GraphQLError {
  constructor(message: string, retryAfterSeconds: number) {
    super(message, { extensions: { code: 'RATE_LIMITED', retryAfterSeconds } });
  }
}

/** Codes whose messages are written for clients and may be shown as they are. */
export const CLIENT_CODES = new Set([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'SERVICE_UNAVAILABLE',
  'QUERY_TIMEOUT',
  'UNAUTHENTICATED',
  'QUERY_TOO_COMPLEX',
  'WRITE_CONFLICT',
  'RATE_LIMITED',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/**
 * The code a client sees for an error, or undefined for an unexpected one. Apollo refuses a persisted query whose
 * text does not match its hash without a code; that is the client's mistake, so it is BAD_REQUEST.
 */
export function clientCode(error: { message: string; extensions?: { code?: unknown } }): string | undefined {
  const code = error.extensions?.code;
  if (typeof code === 'string' && CLIENT_CODES.has(code)) return code;
  // Apollo has given it INTERNAL_SERVER_ERROR by the time formatError sees it.
  if ((code === undefined || code === 'INTERNAL_SERVER_ERROR') && error.message === 'provided sha does not match query') return 'BAD_REQUEST';
  return undefined;
}
