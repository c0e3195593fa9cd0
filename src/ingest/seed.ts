import { readdir, readFile } from 'node:fs/promises';
import type { Database } from '../db/database.js';
import { validateDocument, type ArticleDocument } from './document.js';
import { ingestDocuments, type IngestResult } from './ingest.js';
import { fromRoot } from '../common/root.js';

const SEED_DIR = fromRoot('seed');

/** Loads every document in seed/ through the same path as any other ingest; loading twice changes nothing. */
export async function loadSeed(db: Database, dir = SEED_DIR): Promise<IngestResult> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  const documents: ArticleDocument[] = [];
  for (const file of files) {
    const checked = validateDocument(JSON.parse(await readFile(`${dir}/${file}`, 'utf8')));
    if (!checked.ok) throw new Error(`${file}: ${checked.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
    documents.push(checked.document);
  }
  return ingestDocuments(db, documents);
}

export async function hasArticles(db: Database): Promise<boolean> {
  const [row] = await db.read('seed.hasArticles', 'RETURN EXISTS { MATCH (:Article) } AS any');
  return row?.any === true;
}
