import { randomUUID } from 'node:crypto';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFieldResolver, GraphQLFormattedError } from 'graphql';
import { hasWriteToken } from './common/auth.js';
import { CLIENT_CODES } from './common/errors.js';
import type { Logger } from './common/logger.js';
import type { Context } from './context.js';
import type { Database } from './db/database.js';
import { GraphReader } from './graph/reader.js';
import { specs } from './graph/registry.js';
import { buildSchema } from './schema.js';

export interface ServerDeps {
  db: Database;
  logger: Logger;
  maxPageSize: number;
  apiTokens: readonly string[];
}

/** Objects come back from Cypher keyed by response key (alias or field name), so that is what fields read. */
const readResponseKey: GraphQLFieldResolver<Record<string, unknown>, Context> = (source, _args, _ctx, info) =>
  source?.[info.path.key as string];

/** The Apollo server, built apart from any HTTP listener so tests can execute operations against it directly. */
export function createApolloServer(deps: ServerDeps): ApolloServer<Context> {
  return new ApolloServer<Context>({
    schema: buildSchema(),
    fieldResolver: readResponseKey,
    includeStacktraceInErrorResponses: false,
    formatError: maskInternalErrors,
    plugins: [errorLogging(deps.logger)],
  });
}

/** A fresh context per request. */
export function createContext(deps: ServerDeps, request: { requestId?: string; authorization?: string } = {}): Context {
  return {
    requestId: request.requestId ?? randomUUID(),
    canWrite: hasWriteToken(request.authorization, deps.apiTokens),
    db: deps.db,
    graph: new GraphReader(deps.db, specs, deps.maxPageSize),
  };
}

// Errors written for clients pass through; anything else becomes a generic message (the full error is logged
// with the request id by errorLogging, and the id is added to the response there).
function maskInternalErrors(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && CLIENT_CODES.has(code)) {
    return { ...formatted, extensions: { ...formatted.extensions, stacktrace: undefined } };
  }
  return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

function errorLogging(logger: Logger): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      return {
        async didEncounterErrors({ errors, operationName }) {
          for (const error of errors) {
            const code = error.extensions?.code;
            if (typeof code === 'string' && CLIENT_CODES.has(code)) continue;
            logger.error({ requestId: contextValue.requestId, operationName, err: unwrapResolverError(error) }, 'request failed');
            if (process.env.DEBUG_QUERIES) console.error(unwrapResolverError(error));
          }
        },
        async willSendResponse({ response }) {
          response.http.headers.set('x-request-id', contextValue.requestId);
          if (response.body.kind !== 'single') return;
          for (const error of response.body.singleResult.errors ?? []) {
            if (error.extensions?.code === 'INTERNAL_SERVER_ERROR') {
              (error.extensions as Record<string, unknown>).requestId = contextValue.requestId;
            }
          }
        },
      };
    },
  };
}
