import { randomUUID } from 'node:crypto';
import type { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import compression from 'compression';
import express from 'express';
import type { ErrorRequestHandler, Express, Request, RequestHandler, Response } from 'express';
import { accessLog, GRAPHQL_PATH, type RequestReport } from './common/access-log.js';
import { hasWriteToken } from './common/auth.js';
import { corsFor } from './common/cors.js';
import type { Logger } from './common/logger.js';
import { Metrics } from './common/metrics.js';
import type { Database } from './db/database.js';
import { mountExplorer } from './explore/serve.js';
import { mountIde, wantsIde } from './ide/page.js';
import { ingestQueue } from './ingest/group.js';
import { onIngest } from './ingest/ingest.js';
import { createContext, settingsOf, type ServerContext, type ServerDeps } from './server.js';

const REQUEST_ID = /^[\w.-]{1,64}$/;

/**
 * The HTTP surface: GraphQL at /graphql (and, unless IDE is off, GraphiQL there for browsers, with its files under
 * /ide/), the story explorer at /explore (unless EXPLORE is off), liveness at /health, readiness (start-up done, the database answers) at /ready,
 * metrics at /metrics (unless METRICS is off). Every answer but the metrics, including errors before GraphQL (bad
 * JSON, a body over MAX_BODY_BYTES, an unknown route), is JSON carrying the request id, GraphQL-shaped on /graphql.
 * Each request is logged in one line (common/access-log.ts). The Apollo server must be started first.
 */
export function createApp(apollo: ApolloServer<ServerContext>, deps: ServerDeps): Express {
  const settings = settingsOf(deps);
  const metrics = settings.METRICS ? watch(deps.db) : undefined;
  const app = express();
  app.disable('x-powered-by');
  app.use(assignRequestId);
  app.use(accessLog(deps.logger, metrics));
  const cors = corsFor(settings.CORS_ORIGINS);
  if (cors) app.use(cors);
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/ready', async (_req, res) => {
    if (deps.started && !deps.started()) {
      res.status(503).json({ status: 'starting', reason: 'the schema or the seed is still being loaded' });
      return;
    }
    try {
      await deps.db.driver.verifyConnectivity();
      res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ status: 'unavailable', reason: 'the graph database does not answer' });
    }
  });
  if (metrics) app.get('/metrics', serveMetrics(metrics, settings.METRICS_TOKEN));
  // The pages' bundles (GraphiQL's is ~4 MB) travel compressed; API answers do not, sparing the CPU per request.
  app.use(['/ide', '/explore'], compression());
  app.get('/graphql', settings.IDE ? mountIde(app) : ideTurnedOff);
  if (settings.EXPLORE && !mountExplorer(app)) {
    app.get('/explore', (req, res) => sendError(req, res, 503, 'SERVICE_UNAVAILABLE', 'The story explorer is not built: run `npm run build:explore` (npm start does).'));
  }
  app.use(
    '/graphql',
    express.json({ limit: settings.MAX_BODY_BYTES }),
    acceptGraphQLRequest,
    expressMiddleware(apollo, {
      context: async ({ req, res }) =>
        createContext(deps, { requestId: res.locals.requestId, authorization: req.header('authorization'), client: req.ip, report: res.locals.report }),
    }),
  );
  app.use((req, res) => sendError(req, res, 404, 'NOT_FOUND', 'Nothing is served here: GraphQL is at /graphql.'));
  app.use(handleErrors(deps.logger, settings.MAX_BODY_BYTES));
  return app;
}

/**
 * The app's metrics, fed by every Cypher statement and every ingest through `db`. The app lives as long as its
 * database (one of each per process, but for tests), so the listeners are never removed.
 */
function watch(db: Database): Metrics {
  const metrics = new Metrics();
  db.onQuery(metrics.query);
  onIngest(db, metrics.ingested);
  metrics.queue(() => ingestQueue(db).waitingArticles);
  return metrics;
}

/** Prometheus's text format; with METRICS_TOKEN set, only for scrapers sending it as a bearer token. */
function serveMetrics(metrics: Metrics, token: string): RequestHandler {
  return async (req, res) => {
    if (token && !hasWriteToken(req.header('authorization'), [token])) {
      res.setHeader('www-authenticate', 'Bearer');
      return sendError(req, res, 401, 'UNAUTHENTICATED', 'Metrics need the METRICS_TOKEN: send an Authorization: Bearer <token> header.');
    }
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  };
}

/** The caller's x-request-id when it is a sane token, else a fresh one; echoed in the response. */
const assignRequestId: RequestHandler = (req, res, next) => {
  const given = req.header('x-request-id');
  res.locals.requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader('x-request-id', res.locals.requestId);
  next();
};

/** Said to a browser opening /graphql, rather than Apollo's refusal of a GET without a query as a forgery. */
const ideTurnedOff: RequestHandler = (req, res, next) => {
  if (!wantsIde(req)) return next();
  sendError(req, res, 404, 'NOT_FOUND', 'The GraphQL IDE is turned off here (IDE=false): send operations with POST, or GET with a query parameter.');
};

/** Apollo's middleware needs a parsed body: a POST must be JSON; a GET carries its operation in the URL. */
const acceptGraphQLRequest: RequestHandler = (req, res, next) => {
  if (req.method !== 'GET' && req.method !== 'POST') {
    res.setHeader('allow', 'GET, POST');
    return sendError(req, res, 405, 'METHOD_NOT_ALLOWED', 'GraphQL is served over GET and POST.');
  }
  if (req.body === undefined) {
    if (req.method === 'POST') {
      return sendError(req, res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the operation as JSON, with Content-Type: application/json.');
    }
    req.body = {};
  }
  next();
};

interface HttpError {
  type?: string;
  status?: number;
}

/** body-parser's refusals, in words for clients; anything else is our fault and is masked. */
function describe(error: HttpError, maxBodyBytes: number): { status: number; code: string; message: string } {
  switch (error.type) {
    case 'entity.parse.failed':
      return { status: 400, code: 'BAD_REQUEST', message: 'The request body is not valid JSON.' };
    case 'entity.too.large':
      return { status: 413, code: 'PAYLOAD_TOO_LARGE', message: `The request body is larger than the limit of ${maxBodyBytes} bytes.` };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send the body as UTF-8 JSON (gzip, deflate or br allowed).' };
  }
  if (error.status !== undefined && error.status >= 400 && error.status < 500) {
    return { status: error.status, code: 'BAD_REQUEST', message: 'The request could not be read.' };
  }
  return { status: 500, code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' };
}

/** Replaces Express's HTML error page (with its stack and file paths) by a JSON error, logged with the request id. */
function handleErrors(logger: Logger, maxBodyBytes: number): ErrorRequestHandler {
  return (error: HttpError & Error, req, res, _next) => {
    const { status, code, message } = describe(error, maxBodyBytes);
    const log = logger.child({ requestId: res.locals.requestId, method: req.method, path: req.path });
    if (status >= 500) log.error({ err: error }, 'request failed');
    else log.info({ status, code, reason: error.type ?? error.message }, 'request refused');
    if (res.headersSent) {
      req.socket.destroy();
      return;
    }
    sendError(req, res, status, code, message);
  };
}

function sendError(req: Request, res: Response, status: number, code: string, message: string): void {
  const requestId = res.locals.requestId as string;
  (res.locals.report as RequestReport).outcome = code;
  // baseUrl is where a middleware is mounted (/graphql), path what follows it.
  res
    .status(status)
    .json(GRAPHQL_PATH.test(req.baseUrl + req.path) ? { errors: [{ message, extensions: { code, requestId } }] } : { error: { code, message, requestId } });
}
