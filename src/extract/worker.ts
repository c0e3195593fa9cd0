import { extractArticle } from './extract.js';
import type { Extraction, RawArticle } from './types.js';

export type WorkerResult = { extraction: Extraction } | { failed: string };

/**
 * The task of a pool thread (src/extract/pool.ts); importing extract.js loads the model once per thread. An
 * article extraction fails on is an answer, not a thrown error: the pool tells it apart from a broken thread.
 */
export default function extractTask(raw: RawArticle): WorkerResult {
  try {
    return { extraction: extractArticle(raw) };
  } catch (error) {
    return { failed: error instanceof Error ? error.message : String(error) };
  }
}
