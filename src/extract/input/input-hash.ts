import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RawArticle } from '../raw.js';

// The program's source: src/ (or .build/src/ when compiled), and the lockfile beside it when there is one.
const SOURCE = fileURLToPath(new URL('../../', import.meta.url));

/**
 * A fingerprint of the code that turns a raw article into what is stored: every file of the program's source tree,
 * and the locked versions of its dependencies (the language model among them). A stored article's input hash
 * (`inputHash`) includes it, so any change to the program makes `ingest --extract` extract each article again
 * once, rather than trust a result an older extractor or planner made. Narrower would be faster after an upgrade,
 * but a list of "the files that matter" goes stale silently; one extra extraction per article does not.
 */
export async function programFingerprint(source = SOURCE): Promise<string> {
  const hash = createHash('sha256');
  const files = (await readdir(source, { recursive: true, withFileTypes: true })).filter((f) => f.isFile());
  const paths = files.map((f) => path.join(f.parentPath, f.name)).sort();
  for (const file of paths) hash.update(path.relative(source, file)).update('\u0000').update(await readFile(file)).update('\u0000');
  hash.update(await readFile(path.join(source, '..', 'package-lock.json')).catch(() => Buffer.alloc(0)));
  return hash.digest('base64url');
}

/**
 * What identifies one raw article's extraction: the article as validated (flags applied, unknown keys dropped, keys
 * in schema order) and the program's fingerprint. An article stored with the same input hash is what extracting
 * and loading this record again would write, unless it was written over since, which clears it.
 */
export function inputHash(fingerprint: string, raw: RawArticle): string {
  return createHash('sha256').update(fingerprint).update('\u0000').update(JSON.stringify(raw)).digest('base64url');
}
