import { z } from 'zod';
import { type DocumentProblem, formatPath, isoDateOrDateTime, language, MAX_BODY_CHARS, name, text, url } from '../ingest/document.js';

/**
 * A raw article: what a journalist has before extraction. The record format of `npm run extract` (.json/.ndjson),
 * of the GraphQL `RawArticleInput`, and what the .txt and .html readers produce. Other keys (an annotated set's
 * `id` and `attributions`) are ignored, not refused.
 */
export const rawArticle = z.object({
  title: text(1000),
  publishedAt: isoDateOrDateTime,
  source: name.optional(),
  url: url.optional(),
  language: language.optional(),
  authors: z.array(name).max(50).default([]),
  body: z
    .string()
    .max(MAX_BODY_CHARS, `is longer than ${MAX_BODY_CHARS.toLocaleString('en')} characters`)
    .refine((v) => v.trim().length > 0, 'is empty')
    .refine((v) => !looksBinary(v), 'is not text (it holds binary data)'),
});

export type RawArticle = z.infer<typeof rawArticle>;

export type RawChecked = { ok: true; raw: RawArticle } | { ok: false; problems: DocumentProblem[] };

export function validateRawArticle(value: unknown): RawChecked {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return { ok: false, problems: [{ path: '(record)', message: 'must be a JSON object with title, publishedAt and body' }] };
  const parsed = rawArticle.safeParse(value);
  if (parsed.success) return { ok: true, raw: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: plain(i, value) })) };
}

/** zod's "Invalid input: expected string, received undefined" said for people: "is missing", "must be a string". */
function plain(issue: z.core.$ZodIssue, record: object): string {
  // Only zod's own wording is replaced: a message a schema chose stands.
  if (issue.code !== 'invalid_type' || !issue.message.startsWith('Invalid input: expected')) return issue.message;
  const value = at(record, issue.path);
  return value === undefined ? 'is missing' : `must be ${issue.expected === 'array' ? 'a list' : `a ${issue.expected}`}, not ${typeOf(value)}`;
}

function at(record: object, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>((v, key) => (v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key] : undefined), record);
}

function typeOf(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

/** NUL bytes, or more than 1 % control or replacement characters: a binary file read as text. */
function looksBinary(v: string): boolean {
  if (v.includes('\u0000')) return true;
  const odd = v.match(/[\u0001-\u0008\u000e-\u001f\ufffd]/g)?.length ?? 0;
  return odd > Math.max(3, v.length / 100);
}
