import type { RawArticle } from '../raw.js';

/**
 * A raw article record from plain text. With a title among the flags the whole text is the body; without one the
 * first non-empty line is the headline and the rest the body. The date and the rest come from the flags.
 * Unvalidated: `validateRawArticle` says what is missing or wrong.
 */
export function rawFromText(text: string, flags: Partial<RawArticle> = {}): Record<string, unknown> {
  const normalised = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  let title = flags.title;
  let body = normalised;
  if (title === undefined) {
    const headline = /^\s*(\S[^\n]*)(?:\n|$)/.exec(normalised);
    title = headline?.[1]?.trim();
    body = headline ? normalised.slice(headline[0].length) : '';
  }
  const record = { ...flags, title, body: body.trim() };
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined));
}
