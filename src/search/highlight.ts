import { fold } from '../common/text.js';
import { forgivesTypo, type SearchText, STOP_WORDS, trimStopWords } from './lucene.js';

/**
 * Highlights: the words of a hit that matched the search, in their context, as short fragments of text with each
 * match wrapped in « and ». The database sends a few windows of each matched text (graph.ts: whole names, aliases
 * and short texts; around the first occurrence of each searched word in long ones); this picks the best fragments.
 */

/** A piece of one of a hit's texts, as the database sends it. */
export interface Window {
  /** Which of the hit's texts (its name, an alias, its text, title or body): windows of one text may overlap. */
  of: number;
  /** Where the window starts in its text, in characters (code points, as Cypher counts). */
  start: number;
  text: string;
  /** The text goes on past the window. */
  cutEnd: boolean;
}

const OPEN = '«';
const CLOSE = '»';
/** Highlights per hit. */
const MAX_HIGHLIGHTS = 3;
/** About how long a highlight is: the fragment is cut at word boundaries near this length. */
const FRAGMENT_LENGTH = 160;
/** How much context a fragment keeps before its first match. */
const LEAD = 40;

interface Token {
  start: number;
  end: number;
  folded: string;
}
interface Span {
  start: number;
  end: number;
}

/**
 * The words the database looks for in long texts to choose its windows, most telling first: quoted phrases and the
 * whole search (where a phrase is likeliest), then the words, longest first (rarer, usually).
 */
export function needles(search: SearchText): string[] {
  const runs = [...search.phrases, ...(search.words.length > 1 ? [search.words] : [])].map(trimStopWords).filter((p) => p.length > 1).map((p) => p.join(' '));
  const words = [...new Set([...search.words, ...search.phrases.flat()])].filter((w) => w.length > 1 && !STOP_WORDS.has(w));
  return [...new Set([...runs, ...words.sort((a, b) => b.length - a.length)])].slice(0, 8);
}

/**
 * Up to MAX_HIGHLIGHTS fragments of the windows where the search matched, best first (most distinct words, then in
 * the order of the texts); a fragment overlapping a better one of the same text is left out.
 */
export function highlight(search: SearchText, windows: readonly Window[]): string[] {
  const fragments = windows
    .flatMap((w) => fragmentsOf(search, w))
    .map((f, order) => ({ ...f, order }))
    .sort((a, b) => b.words - a.words || a.order - b.order);
  const kept: Fragment[] = [];
  for (const f of fragments) {
    if (kept.length === MAX_HIGHLIGHTS) break;
    if (!kept.some((k) => k.of === f.of && k.from < f.to && f.from < k.to)) kept.push(f);
  }
  return kept.map((f) => f.text);
}

interface Fragment {
  text: string;
  /** Distinct words matched. */
  words: number;
  of: number;
  /** Where it lies in its text, in code points. */
  from: number;
  to: number;
}

function fragmentsOf(search: SearchText, window: Window): Fragment[] {
  const { text } = window;
  const cutStart = window.start > 0;
  // Words cut by the window's edges are not words of the text: left out, and the fragment stops short of them.
  const tokens = tokenize(text).filter((t) => !(cutStart && t.start === 0) && !(window.cutEnd && t.end === text.length));
  const lo = cutStart ? (tokens[0]?.start ?? text.length) : 0;
  const hi = window.cutEnd ? (tokens.at(-1)?.end ?? lo) : text.length;
  const spans = merge(text, [...phraseSpans(search, tokens), ...wordSpans(search, tokens)]);
  const codePoints = (end: number) => window.start + [...text.slice(0, end)].length;
  const out: Fragment[] = [];
  let i = 0;
  // Where the next fragment may start: after the last one.
  let floor = lo;
  while (i < spans.length) {
    // LEAD characters before the first match, or more when the text ends soon after it.
    const at = Math.max(floor, Math.min(spans[i]!.start - LEAD, hi - FRAGMENT_LENGTH));
    const from = at <= lo ? lo : Math.min(spans[i]!.start, tokens.find((t) => t.start >= at)!.start);
    const until = Math.max(from + FRAGMENT_LENGTH, spans[i]!.end);
    const to = until >= hi ? hi : tokens.filter((t) => t.end <= until).at(-1)!.end;
    const inside: Span[] = [];
    do inside.push(spans[i++]!);
    while (i < spans.length && spans[i]!.end <= to);
    floor = to;
    const words = new Set(tokens.filter((t) => inside.some((s) => t.start >= s.start && t.end <= s.end)).map((t) => t.folded)).size;
    const marked = `${from > 0 ? '…' : ''}${mark(text, from, to, inside)}${to < text.length ? '…' : ''}`;
    out.push({ text: marked.replace(/\s+/g, ' '), words, of: window.of, from: codePoints(from), to: codePoints(to) });
  }
  return out;
}

function tokenize(text: string): Token[] {
  return [...text.matchAll(/[\p{L}\p{N}\p{M}]+(?:['’][\p{L}\p{N}\p{M}]+)*/gu)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    folded: fold(m[0]),
  }));
}

/** Words match as the index matches them: exactly, or loose words of 4 to 30 letters with one typo. */
function wordSpans(search: SearchText, tokens: readonly Token[]): Span[] {
  const loose = search.words.filter((w) => !STOP_WORDS.has(w));
  const quoted = search.phrases.filter((p) => p.length === 1).flat();
  return tokens.filter((t) => quoted.includes(t.folded) || loose.some((w) => t.folded === w || (forgivesTypo(w) && withinOneEdit(t.folded, w))));
}

/**
 * Quoted phrases, and the whole search when it stands in a row: one span each. As in the index, stop words only
 * hold a place: inside a phrase they match any word, and at its ends they are not part of it.
 */
function phraseSpans(search: SearchText, tokens: readonly Token[]): Span[] {
  const runs = [...search.phrases, ...(search.words.length > 1 ? [search.words] : [])].map(trimStopWords).filter((p) => p.length > 1);
  const spans: Span[] = [];
  for (const run of runs) {
    for (let i = 0; i + run.length <= tokens.length; i++) {
      if (run.every((w, j) => STOP_WORDS.has(w) || tokens[i + j]!.folded === w)) {
        spans.push({ start: tokens[i]!.start, end: tokens[i + run.length - 1]!.end });
      }
    }
  }
  return spans;
}

/** Spans in order, overlapping ones and ones only spaces apart made one. */
function merge(text: string, spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out.at(-1);
    if (last && (s.start <= last.end || /^\s+$/.test(text.slice(last.end, s.start)))) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

function mark(text: string, from: number, to: number, spans: readonly Span[]): string {
  let out = '';
  let at = from;
  for (const s of spans) {
    out += `${text.slice(at, s.start)}${OPEN}${text.slice(s.start, s.end)}${CLOSE}`;
    at = s.end;
  }
  return out + text.slice(at, to);
}

/** Damerau–Levenshtein distance of at most 1 (one letter added, removed, changed, or two swapped), as Lucene's `~1`. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
