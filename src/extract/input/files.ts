import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { DocumentProblem } from '../../ingest/document.js';
import { MAX_BODY_CHARS } from '../../ingest/document.js';
import { countRecords, inputFiles, JSON_FILES, readRecords } from '../../ingest/read.js';
import type { RawArticle } from '../raw.js';
import { rawFromHtml } from './html.js';
import { rawFromText } from './text.js';

/** One input article before validation: where it came from, and its record or why there is none. */
export interface RawRecord {
  file: string;
  /** 1-based line of an NDJSON file, position in a .json array, or 1 for a .txt or .html file. */
  line: number;
  value?: unknown;
  /** Why the input cannot be an article, found while reading it (`value`, when there is one, still names it). */
  problems?: DocumentProblem[];
}

const RAW_FILES = /\.(txt|html?|json|ndjson|jsonl)$/i;
const HTML = /\.html?$/i;
// A UTF-8 character takes at most 4 bytes: a text file larger than this is over the body limit unread.
const MAX_TEXT_BYTES = 4 * MAX_BODY_CHARS + 4_000;
// Pages carry scripts, styles and markup besides their text, but a DOM of more than this costs too much memory.
const MAX_HTML_BYTES = 8 * 1024 * 1024;

/** The files a path names: itself, or a folder's .txt, .html, .htm, .json, .ndjson and .jsonl files in name order. */
export async function rawInputFiles(target: string): Promise<string[]> {
  const files = await inputFiles(target, RAW_FILES).catch((error: NodeJS.ErrnoException) => {
    throw error.code === 'ENOENT' ? new Error(`No such file or folder: ${target}`) : error;
  });
  if (files.length === 1 && files[0] === target && !RAW_FILES.test(target))
    throw new Error(`${target} is not a supported input: expected .txt, .html, .htm, .json, .ndjson or .jsonl`);
  return files;
}

/** How many articles the files hold, for progress. */
export async function countRawRecords(files: readonly string[]): Promise<number> {
  let total = 0;
  for (const file of files) total += JSON_FILES.test(file) ? await countRecords([file]) : 1;
  return total;
}

/**
 * The raw article records of the files, in order. `flags` (the command's metadata flags) are the metadata of a
 * .txt file, override what an .html page says, and fill only the fields a .json/.ndjson record lacks.
 */
export async function* readRawRecords(files: readonly string[], flags: Partial<RawArticle> = {}): AsyncGenerator<RawRecord> {
  for (const file of files) {
    if (!JSON_FILES.test(file)) {
      yield await readPage(file, flags);
      continue;
    }
    for await (const r of readRecords([file])) {
      if (r.parseError) yield { file, line: r.line, problems: [{ path: '(record)', message: r.parseError }] };
      else yield { file, line: r.line, value: isRecord(r.value) ? { ...flags, ...r.value } : r.value };
    }
  }
}

/** A .txt or .html file: one article. */
async function readPage(file: string, flags: Partial<RawArticle>): Promise<RawRecord> {
  const html = HTML.test(file);
  const where = { file, line: 1 };
  const { size } = await stat(file);
  if (size > (html ? MAX_HTML_BYTES : MAX_TEXT_BYTES)) {
    const limit = html ? `larger than ${MAX_HTML_BYTES / 1024 / 1024} MB` : `longer than ${MAX_BODY_CHARS.toLocaleString('en')} characters`;
    return { ...where, problems: [{ path: html ? '(page)' : 'body', message: `is ${limit} (the file holds ${size.toLocaleString('en')} bytes)` }] };
  }
  const bytes = await readFile(file);
  if (bytes.includes(0)) return { ...where, problems: [{ path: html ? '(page)' : 'body', message: 'is not text (it holds binary data)' }] };
  const text = new TextDecoder('utf-8').decode(bytes);
  let value: Record<string, unknown>;
  try {
    value = html ? rawFromHtml(text, flags) : rawFromText(text, flags);
  } catch (error) {
    return { ...where, problems: [{ path: '(page)', message: `could not be read: ${(error as Error).message}` }] };
  }
  if (value.publishedAt !== undefined) return { ...where, value };
  const message = html ? 'the page gives no date: pass --published YYYY-MM-DD' : `needs --published YYYY-MM-DD (a ${path.extname(file)} file carries no date)`;
  return { ...where, value, problems: [{ path: 'publishedAt', message }] };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
