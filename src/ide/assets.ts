import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fromRoot } from '../common/root.js';

const require = createRequire(import.meta.url);

export interface Asset {
  contentType: string;
  body: Buffer;
}

// React keeps its UMD builds out of its package exports, so they are found beside its package.json.
const inPackage = (pkg: string, file: string) => join(dirname(require.resolve(`${pkg}/package.json`)), file);

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

/** What the IDE page loads, by name: all from npm, but for the page's own script and style in this folder. */
const SOURCES = {
  'react.js': { file: () => inPackage('react', 'umd/react.production.min.js'), contentType: JS },
  'react-dom.js': { file: () => inPackage('react-dom', 'umd/react-dom.production.min.js'), contentType: JS },
  'graphiql.js': { file: () => require.resolve('graphiql/graphiql.min.js'), contentType: JS },
  'graphiql.css': { file: () => require.resolve('graphiql/graphiql.min.css'), contentType: CSS },
  'explorer.js': { file: () => require.resolve('@graphiql/plugin-explorer/dist/index.umd.js'), contentType: JS },
  'explorer.css': { file: () => require.resolve('@graphiql/plugin-explorer/dist/style.css'), contentType: CSS },
  'ide.js': { file: () => fromRoot('src', 'ide', 'bootstrap.js'), contentType: JS },
  'ide.css': { file: () => fromRoot('src', 'ide', 'ide.css'), contentType: CSS },
} satisfies Record<string, { file: () => string; contentType: string }>;

export interface Assets {
  /** By the name they are served under: a hash of the content, then the file name. */
  served: Map<string, Asset>;
  /** The path under which the asset named in SOURCES is served. */
  url(name: keyof typeof SOURCES): string;
}

/**
 * Reads every asset once (a few MB, held for the life of the process): a missing package fails at start, not on a
 * click. The content hash in each URL lets browsers cache them for good: an upgrade changes the URL.
 */
export function loadAssets(): Assets {
  const served = new Map<string, Asset>();
  const paths = new Map<string, string>();
  for (const [name, { file, contentType }] of Object.entries(SOURCES)) {
    const body = readFileSync(file());
    const key = `${createHash('sha256').update(body).digest('hex').slice(0, 12)}-${name}`;
    served.set(key, { contentType, body });
    paths.set(name, `/ide/assets/${key}`);
  }
  return { served, url: (name) => paths.get(name)! };
}
