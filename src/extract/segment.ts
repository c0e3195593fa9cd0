import type { LanguageTable } from './lang/types.js';
import type { QuoteSpan } from './normalise.js';

export interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
  /** Starts with a capital letter. */
  cap: boolean;
  word: boolean;
}

export interface Sentence {
  start: number;
  end: number;
  paragraph: number;
  /** Index of the sentence in the article. */
  index: number;
  /** First sentence of its paragraph. */
  first: boolean;
  tokens: Token[];
}

const TOKEN = /[\p{L}\p{M}\p{N}]+(?:[.'’\-&][\p{L}\p{M}\p{N}]+)*|\S/gu;

export function tokenize(text: string, from: number, to: number): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  const part = text.slice(from, to);
  for (let m = TOKEN.exec(part); m; m = TOKEN.exec(part)) {
    const t = m[0];
    const word = /[\p{L}\p{N}]/u.test(t[0]);
    out.push({ text: t, lower: t.toLowerCase(), start: from + m.index, end: from + m.index + t.length, cap: word && /\p{Lu}/u.test(t[0]), word });
  }
  return out;
}

/**
 * Sentences: split after . ! ? (and any closing marks) before a capital, a digit or an opening mark, unless the dot
 * ends an abbreviation or an initial, and never inside a closed quotation (its sentences belong to one statement).
 * Lines are paragraphs.
 */
export function segment(text: string, quotes: readonly QuoteSpan[], lang: LanguageTable): Sentence[] {
  const inQuote = new Uint8Array(text.length);
  // A quotation's last full stop ends the sentence too ("… refugees.” The generic …"); the ones inside do not.
  for (const q of quotes) if (q.closed) inQuote.fill(1, q.innerStart, Math.max(q.innerStart, q.innerEnd - 1));
  const sentences: Sentence[] = [];
  let paragraph = 0;
  let lineStart = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && text[i] !== '\n') continue;
    let start = skipSpace(text, lineStart, i);
    let first = true;
    for (let j = start; j < i; j++) {
      const ch = text[j];
      if ((ch !== '.' && ch !== '!' && ch !== '?') || inQuote[j]) continue;
      let k = j + 1;
      while (k < i && /[.!?”’)\]"']/.test(text[k])) k++;
      if (k >= i || !/\s/.test(text[k])) continue;
      const next = skipSpace(text, k, i);
      if (next >= i || !/[\p{Lu}\p{N}“‘(„«»"]/u.test(text[next])) continue;
      if (ch === '.' && endsAbbreviation(text, start, j, lang)) continue;
      if (ch === '.' && lang.dates.ordinalDots && ordinalDate(text, j, next, lang)) continue;
      if (text[k - 1] === '”' && attributionFollows(text, next, i, lang)) continue;
      push(text, start, k, paragraph, first, sentences);
      first = false;
      start = next;
      j = next - 1;
    }
    if (start < i) push(text, start, i, paragraph, first, sentences);
    if (skipSpace(text, lineStart, i) < i) paragraph++;
    lineStart = i + 1;
  }
  return sentences;
}

/** “Who knows?” Freddy Ortega said. — a short attribution after a quotation belongs to its sentence. */
function attributionFollows(text: string, from: number, to: number, lang: LanguageTable): boolean {
  const words = tokenize(text, from, Math.min(to, from + 80));
  for (let n = 0; n < words.length && n < 7; n++) {
    const w = words[n];
    if (!w.word) return false;
    if (!w.cap && lang.cues.has(w.lower)) return /^[.,;]$/.test(words[n + 1]?.text ?? '.');
  }
  return false;
}

/** "am 25. November": a day number's dot before a month name is an ordinal, not a full stop. */
function ordinalDate(text: string, dot: number, next: number, lang: LanguageTable): boolean {
  if (!/(^|[^\p{L}\p{N}])\d{1,2}$/u.test(text.slice(Math.max(0, dot - 3), dot))) return false;
  const word = /^\p{L}+/u.exec(text.slice(next, next + 12))?.[0].toLowerCase();
  return !!word && lang.dates.months.has(word);
}

function push(text: string, start: number, end: number, paragraph: number, first: boolean, out: Sentence[]): void {
  while (end > start && /\s/.test(text[end - 1])) end--;
  if (end <= start) return;
  out.push({ start, end, paragraph, index: out.length, first, tokens: tokenize(text, start, end) });
}

function skipSpace(text: string, from: number, to: number): number {
  while (from < to && /\s/.test(text[from])) from++;
  return from;
}

function endsAbbreviation(text: string, from: number, dot: number, lang: LanguageTable): boolean {
  let s = dot;
  while (s > from && /[\p{L}.\-]/u.test(text[s - 1])) s--;
  const word = text.slice(s, dot).toLowerCase();
  if (word.length === 1 && /\p{L}/u.test(word)) return true; // an initial: John F. Kennedy
  return lang.abbreviations.has(word) || lang.abbreviations.has(word.replace(/\.$/, ''));
}
