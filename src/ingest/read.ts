import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';

/** One record of a bulk input: where it came from (file and line, or file and array index) and its JSON. */
export interface InputRecord {
  file: string;
  /** 1-based line of an NDJSON file; for a .json file, 1-based position in its array (or 1). */
  line: number;
  value?: unknown;
  /** Set instead of `value` when the line is not valid JSON. */
  parseError?: string;
  /** The raw input `value` was extracted from (extract/input/input-hash.ts), stored with the article. */
  inputHash?: string;
}

const NDJSON = /\.(ndjson|jsonl)$/i;
export const JSON_FILES = /\.(json|ndjson|jsonl)$/i;
// A rejects file (the default ingest-rejects.ndjson, or x.rejects.ndjson) in the input folder is no input.
const REJECTS = /(^|[.-])rejects\.ndjson$/i;

/** The files a path names: itself, or the files of a folder that `accept` takes (.json/.ndjson/.jsonl), in name order, rejects files aside. */
export async function inputFiles(target: string, accept: RegExp = JSON_FILES): Promise<string[]> {
  if (!(await stat(target)).isDirectory()) return [target];
  const names = (await readdir(target)).filter((n) => accept.test(n) && !REJECTS.test(n)).sort();
  return names.map((n) => path.join(target, n));
}

/** How many records the files hold, for progress and ETA (NDJSON lines are counted without parsing). */
export async function countRecords(files: readonly string[]): Promise<number> {
  let total = 0;
  for (const file of files) {
    if (NDJSON.test(file)) for await (const line of lines(file)) total += line.trim() ? 1 : 0;
    else total += jsonDocuments(await readFile(file, 'utf8'), file).length;
  }
  return total;
}

export async function* readRecords(files: readonly string[]): AsyncGenerator<InputRecord> {
  for (const file of files) {
    if (!NDJSON.test(file)) {
      yield* jsonDocuments(await readFile(file, 'utf8'), file);
      continue;
    }
    let line = 0;
    for await (const text of lines(file)) {
      line++;
      if (text.trim()) yield parse(text, file, line);
    }
  }
}

function lines(file: string) {
  return createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
}

/** A .json file holds one document or an array of them. */
function jsonDocuments(text: string, file: string): InputRecord[] {
  const record = parse(text, file, 1);
  if (Array.isArray(record.value)) return record.value.map((value, i) => ({ file, line: i + 1, value }));
  return [record];
}

function parse(text: string, file: string, line: number): InputRecord {
  try {
    return { file, line, value: JSON.parse(text) };
  } catch (error) {
    return { file, line, parseError: `not valid JSON (${(error as Error).message})` };
  }
}
