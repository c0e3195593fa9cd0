import type { Express, Request, RequestHandler } from 'express';
import type { RequestReport } from '../common/access-log.js';
import { SAME_ORIGIN_ONLY } from '../common/csp.js';
import { loadAssets, type Assets } from './assets.js';
import { exampleTabs } from './examples.js';

const page = (assets: Assets) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>GraphQL IDE · who said what about whom</title>
    <link rel="stylesheet" href="${assets.url('graphiql.css')}">
    <link rel="stylesheet" href="${assets.url('explorer.css')}">
    <link rel="stylesheet" href="${assets.url('ide.css')}">
  </head>
  <body>
    <div id="graphiql">Loading the GraphQL IDE…</div>
    <script src="${assets.url('react.js')}"></script>
    <script src="${assets.url('react-dom.js')}"></script>
    <script src="${assets.url('graphiql.js')}"></script>
    <script src="${assets.url('explorer.js')}"></script>
    <script src="${assets.url('ide.js')}"></script>
  </body>
</html>
`;

/** A browser asking for /graphql (HTML accepted, no operation in the URL) gets the IDE; everything else is GraphQL. */
export const wantsIde = (req: Request): boolean =>
  req.method === 'GET' && req.query.query === undefined && req.query.extensions === undefined && req.accepts(['application/json', 'text/html']) === 'text/html';

/**
 * Mounts the self-hosted GraphiQL: its assets (read once from npm, cacheable for good: their URLs carry a hash of
 * their content) and its example tabs, at /ide/…; returns the handler that serves the page itself, for /graphql.
 */
export function mountIde(app: Express): RequestHandler {
  const assets = loadAssets();
  const html = page(assets);
  const examples = JSON.stringify(exampleTabs());
  app.get('/ide/assets/:name', (req, res, next) => {
    const asset = assets.served.get(req.params.name);
    if (!asset) return next();
    res.setHeader('cache-control', 'public, max-age=31536000, immutable');
    res.type(asset.contentType).send(asset.body);
  });
  app.get('/ide/examples.json', (_req, res) => {
    res.setHeader('cache-control', 'no-cache');
    res.type('application/json').send(examples);
  });
  return (req, res, next) => {
    if (!wantsIde(req)) return next();
    (res.locals.report as RequestReport).page = true;
    res.setHeader('content-security-policy', SAME_ORIGIN_ONLY);
    res.setHeader('cache-control', 'no-cache');
    res.type('html').send(html);
  };
}
