import { randomUUID } from 'node:crypto';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { getOperationAST, Kind, NoSchemaIntrospectionCustomRule, type GraphQLFieldResolver, type GraphQLFormattedError, type OperationDefinitionNode } from 'graphql';
import type { RequestReport } from './common/access-log.js';
import { hasWriteToken } from './common/auth.js';
import { clientCode } from './common/errors.js';
import { limitRules, limitsFrom, limitsPlugin, type LimitSettings } from './common/limits.js';
import type { Logger } from './common/logger.js';
import { CostRateLimiter } from './common/rate-limit.js';
import { loadConfig, type Config } from './config.js';
import type { Context } from './context.js';
import type { Database } from './db/database.js';
import { graphExecution } from './graph/execute.js';
import { GraphReader } from './graph/reader.js';
import { specs } from './graph/registry.js';
import { buildSchema } from './schema.js';

/** Operation limits, exposure switches and HTTP settings, as src/config.ts reads them from the environment. */
export type ServerSettings = LimitSettings &
  Pick<Config, 'MAX_BODY_BYTES' | 'RATE_LIMIT_COST_PER_MINUTE' | 'CORS_ORIGINS' | 'INTROSPECTION' | 'SUGGESTIONS' | 'METRICS' | 'METRICS_TOKEN' | 'IDE' | 'EXPLORE'>;

export interface ServerDeps {
  db: Database;
  logger: Logger;
  maxPageSize: number;
  apiTokens: readonly string[];
  /** The documented defaults (an empty environment) when absent. */
  settings?: ServerSettings;
  /** False while start-up work (schema, seed) is still running: /ready then answers 503. Absent means done. */
  started?: () => boolean;
  /**
   * Operations being executed, counted so shutdown can wait for them: a request whose client hung up is no
   * longer an open connection, yet its writes are still running.
   */
  inFlight?: { count: number };
}

/** What a request's context holds beyond what resolvers use: the client the rate limit counts against. */
export interface ServerContext extends Context {
  client?: string;
  /** Filled in as the answer is sent, for the access log and the metrics (http.ts); absent outside HTTP. */
  report?: RequestReport;
}

const DEFAULT_SETTINGS: ServerSettings = loadConfig({});
export const settingsOf = (deps: ServerDeps): ServerSettings => deps.settings ?? DEFAULT_SETTINGS;

/** Objects come back from Cypher keyed by response key (alias or field name), so that is what fields read. */
export const readResponseKey: GraphQLFieldResolver<Record<string, unknown>, Context> = (source, _args, _ctx, info) =>
  source?.[info.path.key as string];

/** The Apollo server, built apart from any HTTP listener so tests can execute operations against it directly. */
export function createApolloServer(deps: ServerDeps): ApolloServer<ServerContext> {
  const settings = settingsOf(deps);
  const limits = limitsFrom(settings);
  const rateLimiter = settings.RATE_LIMIT_COST_PER_MINUTE > 0 ? new CostRateLimiter(settings.RATE_LIMIT_COST_PER_MINUTE) : undefined;
  return new ApolloServer<ServerContext>({
    schema: buildSchema(),
    fieldResolver: readResponseKey,
    logger: deps.logger,
    includeStacktraceInErrorResponses: false,
    // Shutdown is main.ts's: Apollo's handlers would stop at once and re-raise the signal, cutting in-flight requests.
    stopOnTerminationSignals: false,
    // graphql-js stops parsing past this many tokens, before validation, whose field-merging check is quadratic.
    parseOptions: { maxTokens: limits.maxTokens },
    // Introspection is refused by graphql-js's rule below, whose message speaks to clients, not operators.
    introspection: true,
    validationRules: [...limitRules(limits), ...(settings.INTROSPECTION ? [] : [NoSchemaIntrospectionCustomRule])],
    // Apollo's own switch strips every "Did you mean …?" (fields, arguments, types, enum values).
    hideSchemaDetailsFromClientErrors: !settings.SUGGESTIONS,
    formatError: maskInternalErrors,
    plugins: [
      // Apollo's landing page loads Sandbox from a CDN; the IDE is the project's own (src/ide/, mounted by http.ts).
      ApolloServerPluginLandingPageDisabled(),
      // No field has cache hints, and Apollo's default cache-control plugin would wrap every field's resolver to
      // look for them: 2–3 ms of a six-level query's answer.
      ApolloServerPluginCacheControlDisabled(),
      // Queries answered without graphql-js visiting every field of the answer again (src/graph/execute.ts).
      graphExecution<ServerContext>(readResponseKey),
      limitsPlugin<ServerContext>(limits, rateLimiter && ((context, cost) => rateLimiter.charge(context.client ?? 'local', cost))),
      errorLogging(deps.logger),
      // After limitsPlugin, whose willSendResponse puts the cost in the answer this one reads.
      reporting(),
      ...(deps.inFlight ? [counting(deps.inFlight)] : []),
    ],
  });
}

/** A fresh context per request. */
export function createContext(
  deps: ServerDeps,
  request: { requestId?: string; authorization?: string; client?: string; report?: RequestReport } = {},
): ServerContext {
  return {
    requestId: request.requestId ?? randomUUID(),
    canWrite: hasWriteToken(request.authorization, deps.apiTokens),
    db: deps.db,
    graph: new GraphReader(deps.db, specs, deps.maxPageSize),
    client: request.client,
    report: request.report,
  };
}

// Errors written for clients pass through; anything else becomes a generic message (the full error is logged
// with the request id by errorLogging, and the id is added to the response there).
function maskInternalErrors(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const code = clientCode(formatted);
  if (code === 'BAD_REQUEST' && formatted.extensions?.code !== code) {
    return { message: "The persisted query's sha256Hash does not match its text.", extensions: { code } };
  }
  if (code) return { ...formatted, extensions: { ...formatted.extensions, stacktrace: undefined } };
  return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

function counting(inFlight: { count: number }): ApolloServerPlugin<ServerContext> {
  return {
    async requestDidStart() {
      inFlight.count++;
      return {
        async willSendResponse() {
          inFlight.count--;
        },
      };
    },
  };
}

function errorLogging(logger: Logger): ApolloServerPlugin<ServerContext> {
  return {
    async requestDidStart({ contextValue }) {
      return {
        async didEncounterErrors({ errors, operationName }) {
          for (const error of errors) {
            if (clientCode(error)) continue;
            logger.error({ requestId: contextValue.requestId, operationName, err: unwrapResolverError(error) }, 'request failed');
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

/** Mutations that load articles: a bad-input error on one of them is an article refused. */
const INGEST_FIELDS = new Set(['ingestArticle', 'ingestRawArticle']);

function reporting(): ApolloServerPlugin<ServerContext> {
  return {
    async requestDidStart({ contextValue }) {
      const report = contextValue.report;
      if (!report) return;
      return {
        async willSendResponse({ request, document, operation, operationName, response }) {
          // Named once the operation is resolved; an operation that failed validation is named by its document.
          report.operationName = operationName ?? request.operationName ?? (document && getOperationAST(document)?.name?.value) ?? null;
          if (response.body.kind !== 'single') return;
          const { errors, extensions } = response.body.singleResult;
          const code = errors?.[0]?.extensions?.code;
          report.outcome = errors?.length ? (typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR') : 'ok';
          const cost = (extensions?.cost as { requested?: unknown } | undefined)?.requested;
          if (typeof cost === 'number') report.cost = cost;
          if (operation?.operation === 'mutation' && errors) report.refusedArticles = refusedArticles(operation, errors);
        },
      };
    },
  };
}

/** Bad-input errors of ingest fields, found by the response key (an alias, or the field's name) their path starts with. */
function refusedArticles(operation: OperationDefinitionNode, errors: readonly GraphQLFormattedError[]): number {
  const ingestKeys = new Set(
    operation.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD && INGEST_FIELDS.has(s.name.value) ? [s.alias?.value ?? s.name.value] : [])),
  );
  return errors.filter((e) => e.extensions?.code === 'BAD_USER_INPUT' && ingestKeys.has(String(e.path?.[0]))).length;
}
