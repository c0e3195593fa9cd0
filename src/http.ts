import { randomUUID } from 'node:crypto';
import type { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { ErrorRequestHandler, Express, Request, RequestHandler, Response } from 'express';
import { corsFor } from './common/cors.js';
import type { Logger } from './common/logger.js';
import { createContext, settingsOf, type ServerContext, type ServerDeps } from './server.js';

const REQUEST_ID = /^[\w.-]{1,64}$/;
const GRAPHQL_PATH = /^\/graphql(\/|$)/;

/**
 * The HTTP surface: GraphQL at /graphql, liveness at /health, readiness (start-up done, the database answers) at /ready.
 * Every answer, including errors before GraphQL (bad JSON, a body over MAX_BODY_BYTES, an unknown route), is JSON
 * carrying the request id, GraphQL-shaped on /graphql. The Apollo server must be started first.
 */
export function createApp(apollo: ApolloServer<ServerContext>, deps: ServerDeps): Express {
  const settings = settingsOf(deps);
  const app = express();
  app.disable('x-powered-by');
  app.use(assignRequestId);
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
  app.use(
    '/graphql',
    express.json({ limit: settings.MAX_BODY_BYTES }),
    acceptGraphQLRequest,
    expressMiddleware(apollo, {
      context: async ({ req, res }) =>
        createContext(deps, { requestId: res.locals.requestId, authorization: req.header('authorization'), client: req.ip }),
    }),
  );
  app.use((req, res) => sendError(req, res, 404, 'NOT_FOUND', 'Nothing is served here: GraphQL is at /graphql.'));
  app.use(handleErrors(deps.logger, settings.MAX_BODY_BYTES));
  return app;
}

/** The caller's x-request-id when it is a sane token, else a fresh one; echoed in the response. */
const assignRequestId: RequestHandler = (req, res, next) => {
  const given = req.header('x-request-id');
  res.locals.requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader('x-request-id', res.locals.requestId);
  next();
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
  // baseUrl is where a middleware is mounted (/graphql), path what follows it.
  res
    .status(status)
    .json(GRAPHQL_PATH.test(req.baseUrl + req.path) ? { errors: [{ message, extensions: { code, requestId } }] } : { error: { code, message, requestId } });
}
