import type { RequestHandler } from 'express';
import type { Logger } from './logger.js';
import { type Metrics, operationName } from './metrics.js';

/** What the access log and the metrics learn of a request to /graphql. */
export interface RequestReport {
  /** The operation's name; null for an anonymous one; undefined until GraphQL has read the request. */
  operationName?: string | null;
  /** `ok`, or the code of the first error. */
  outcome?: string;
  /** The operation's cost, as `extensions.cost.requested` tells the client. */
  cost?: number;
  /** Articles refused as bad input by ingest mutations. */
  refusedArticles?: number;
  /** A page served on a GraphQL path (the IDE at GET /graphql): no operation, so not one for the metrics. */
  page?: boolean;
}

export const GRAPHQL_PATH = /^\/graphql(\/|$)/;

/**
 * Probes and scrapes come every few seconds from machines and would drown the log: they are logged only when
 * refused (a /ready answering 503 is worth a line).
 */
const QUIET_PATHS = new Set(['/health', '/ready', '/metrics']);

/**
 * One JSON line per request, written once its answer is sent (or its client hung up), and the request's share of
 * the metrics. What GraphQL knows (operation, outcome, cost) reaches it through `res.locals.report`, which the
 * context of the request carries (server.ts `reporting`); answers refused before GraphQL set their code there.
 */
export function accessLog(logger: Logger, metrics?: Metrics): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    const report: RequestReport = {};
    res.locals.report = report;
    // Read now: inside a mounted middleware (/graphql), req.path is only what follows the mount point.
    const { method, path } = req;
    let logged = false;
    const done = () => {
      if (logged) return;
      logged = true;
      const ms = performance.now() - started;
      const status = res.statusCode;
      const outcome = res.writableFinished ? (report.outcome ?? outcomeOf(status)) : 'CLIENT_CLOSED_REQUEST';
      const graphql = GRAPHQL_PATH.test(path) && !report.page;
      if (graphql) {
        metrics?.request(report.operationName, outcome, ms / 1000);
        metrics?.refused(report.refusedArticles ?? 0);
      }
      if (QUIET_PATHS.has(path) && status < 400) return;
      logger.info(
        {
          requestId: res.locals.requestId as string,
          method,
          path,
          status,
          ms: Math.round(ms),
          ...(graphql ? { operation: operationName(report.operationName) } : {}),
          outcome,
          ...(report.cost !== undefined ? { cost: report.cost } : {}),
        },
        'request',
      );
    };
    res.once('finish', done);
    res.once('close', done);
    next();
  };
}

/** For answers nothing gave a code to (Apollo's own refusals, /ready, /health). */
function outcomeOf(status: number): string {
  if (status < 400) return 'ok';
  if (status === 503) return 'SERVICE_UNAVAILABLE';
  return status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR';
}
