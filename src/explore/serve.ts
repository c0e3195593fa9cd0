import path from 'node:path';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import express, { type Express } from 'express';
import { SAME_ORIGIN_ONLY } from '../common/csp.js';
import { fromRoot } from '../common/root.js';

/** Where `npm run build:explore` (run by `npm start` and `npm test`) writes the story explorer (explore/). */
export const EXPLORER_BUILD = fromRoot('explore', 'dist');

/**
 * Serves the story explorer at /explore: its page (deep links are in the URL's fragment, so one page serves
 * them all) and its bundled files under /explore/assets/, cacheable for good since their names carry a hash.
 * False when there is no build to serve.
 */
export function mountExplorer(app: Express, build = EXPLORER_BUILD): boolean {
  const index = path.join(build, 'index.html');
  if (!existsSync(index)) return false;
  app.use('/explore/assets', express.static(path.join(build, 'assets'), { immutable: true, maxAge: '365d', index: false, redirect: false }));
  // Read on each visit (it is small) so that a rebuild while the server runs is served at once.
  app.get('/explore', async (_req, res) => {
    res.setHeader('content-security-policy', SAME_ORIGIN_ONLY);
    res.setHeader('cache-control', 'no-cache');
    res.type('html').send(await readFile(index, 'utf8'));
  });
  return true;
}
