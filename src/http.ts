import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { Express } from 'express';
import type { ApolloServer } from '@apollo/server';
import type { Context } from './context.js';
import { createContext, type ServerDeps } from './server.js';

const REQUEST_ID = /^[\w.-]{1,64}$/;

/**
 * The HTTP surface: GraphQL at /graphql, liveness at /health, readiness (the database answers) at /ready.
 * The Apollo server must be started first.
 */
export function createApp(apollo: ApolloServer<Context>, deps: ServerDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/ready', async (_req, res) => {
    try {
      await deps.db.driver.verifyConnectivity();
      res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ status: 'unavailable', reason: 'the graph database does not answer' });
    }
  });
  app.use(
    '/graphql',
    express.json({ limit: '2mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const given = req.header('x-request-id');
        return createContext(deps, {
          requestId: given && REQUEST_ID.test(given) ? given : undefined,
          authorization: req.header('authorization'),
        });
      },
    }),
  );
  return app;
}
