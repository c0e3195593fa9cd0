// npm run build:explore [-- --force]
//
// Bundles the story explorer (explore/) into explore/dist with Vite. `npm start` and `npm test` run it; it skips
// the build when nothing it is made from changed since the last one (a hash kept beside the build), so a restart
// stays quick.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SOURCES = ['explore/src', 'explore/index.html', 'explore/vite.config.ts', 'client/generated', 'client/request.ts', 'package-lock.json'];
const STAMP = path.join(ROOT, 'explore/dist/.sources-sha256');

async function files(entry: string): Promise<string[]> {
  const full = path.join(ROOT, entry);
  const found = await readdir(full, { withFileTypes: true }).catch(() => null);
  if (!found) return [entry];
  const nested = await Promise.all(found.map((f) => files(path.join(entry, f.name))));
  return nested.flat();
}

async function sourcesHash(): Promise<string> {
  const hash = createHash('sha256');
  for (const file of (await Promise.all(SOURCES.map(files))).flat().sort()) {
    hash.update(file).update('\0').update(await readFile(path.join(ROOT, file))).update('\0');
  }
  return hash.digest('hex');
}

const wanted = await sourcesHash();
const built = existsSync(STAMP) ? (await readFile(STAMP, 'utf8')).trim() : '';
if (built === wanted && !process.argv.includes('--force')) {
  console.error('explore: up to date (explore/dist)');
} else {
  const started = performance.now();
  await build({ configFile: path.join(ROOT, 'explore/vite.config.ts') });
  await writeFile(STAMP, `${wanted}\n`);
  console.error(`explore: built explore/dist in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
