import type { EVIDENCE_METHODS } from '../ingest/document.js';
import type { Cue, LanguageTable } from './lang/types.js';
import type { QuoteSpan } from './normalise.js';
import type { Sentence, Token } from './segment.js';

export type Method = (typeof EVIDENCE_METHODS)[number];

/** Token range of the words naming a speaker, in one sentence. */
export interface SpeakerPhrase {
  sentence: Sentence;
  from: number;
  to: number;
}

/** A statement found in the text before its speaker is resolved. */
export interface Candidate {
  sentence: Sentence;
  /** The words naming the speaker; null when the statement continues the sentence's or paragraph's speaker. */
  speaker: SpeakerPhrase | null;
  /** Where the speaker comes from when no phrase names it. */
  inherit: 'sentence' | 'paragraph' | null;
  /** Content pieces (offsets): more than one for a quotation split by its attribution. */
  pieces: [number, number][];
  cue: Cue | null;
  /** Cue words as written ("further alleged"), for dates and scene. */
  cueFrom: number;
  cueTo: number;
  method: Method;
  quote: boolean;
  /** "to which X replied", "responded": answers the statement before. */
  reply: boolean;
}

interface CueMatch {
  from: number;
  to: number;
  cue: Cue;
  source: boolean;
  /** A source marker after its source: "dem Bericht zufolge". */
  after?: boolean;
}

const PUNCT_END = new Set(['.', '!', '?']);

export function attribute(sentence: Sentence, text: string, quotes: readonly QuoteSpan[], lang: LanguageTable): Candidate[] {
  const t = sentence.tokens;
  const inQuote = quoteMask(t, quotes);
  const cues = findCues(t, inQuote, lang);
  const out: Candidate[] = [];
  const used = new Uint8Array(t.length);
  for (let c = 0; c < cues.length; c++) {
    const m = cues[c];
    if (used[m.from]) continue;
    const cand = m.after ? sourceAfter(sentence, m, t, text, lang) : m.source ? accordingTo(sentence, m, t, text, lang) : verbCue(sentence, m, cues[c + 1], t, text, quotes, lang);
    if (!cand) continue;
    out.push(cand);
    for (let k = m.from; k < m.to; k++) used[k] = 1;
  }
  return out;
}

function quoteMask(t: Token[], quotes: readonly QuoteSpan[]): Uint8Array {
  const mask = new Uint8Array(t.length);
  for (const q of quotes)
    for (let k = 0; k < t.length; k++) if (t[k].start >= q.innerStart && t[k].end <= q.innerEnd) mask[k] = 1;
  return mask;
}

/** First words of the cues and source markers of a table, so most tokens are dismissed with one look-up. */
const firstWords = new WeakMap<LanguageTable, { cue: Set<string>; source: string[][] }>();

function starts(lang: LanguageTable) {
  let f = firstWords.get(lang);
  if (!f) {
    f = { cue: new Set([...lang.cues.keys()].map((k) => k.split(' ')[0])), source: lang.sourceBefore.map((x) => x.split(' ')) };
    firstWords.set(lang, f);
  }
  return f;
}

function findCues(t: Token[], inQuote: Uint8Array, lang: LanguageTable): CueMatch[] {
  const out: CueMatch[] = [];
  const first = starts(lang);
  for (let i = 0; i < t.length; i++) {
    if (inQuote[i] || !t[i].word) continue;
    if (lang.sourceAfter.includes(t[i].lower)) {
      out.push({ from: i, to: i + 1, cue: { kind: 'CLAIM' }, source: true, after: true });
      continue;
    }
    const src = first.source.find((w) => w.every((x, k) => t[i + k]?.lower === x));
    if (src) {
      out.push({ from: i, to: i + src.length, cue: { kind: 'CLAIM' }, source: true });
      i += src.length - 1;
      continue;
    }
    if (!first.cue.has(t[i].lower)) continue;
    for (let n = Math.min(lang.maxCueWords, t.length - i); n >= 1; n--) {
      const words = t.slice(i, i + n);
      if (words.some((w) => !w.word)) continue;
      const cue = lang.cues.get(words.map((w) => w.lower).join(' '));
      if (!cue) continue;
      if (t[i].cap && i > 0 && !PUNCT_END.has(t[i - 1].text)) break; // a name, not a verb: "Said", "Hope"
      out.push({ from: i, to: i + n, cue, source: false });
      i += n - 1;
      break;
    }
  }
  return out;
}

function matchesAt(t: Token[], i: number, phrase: string): boolean {
  const w = phrase.split(' ');
  return w.every((x, k) => t[i + k]?.lower === x);
}

const BE = new Set(['is', 'was', 'were', 'are', 'be', 'been', 'being', "'s", 'ist', 'wird', 'wurde', 'wurden', 'werden', 'sind', 'war']);

function verbCue(s: Sentence, m: CueMatch, next: CueMatch | undefined, t: Token[], text: string, quotes: readonly QuoteSpan[], lang: LanguageTable): Candidate | null {
  // Raising and passives are not reports: "claimed to be", "is said to", "was told".
  if (t[m.to]?.lower === 'to' && BE.has(t[m.to + 1]?.lower ?? '')) return null;
  let k = m.from - 1;
  for (;;) {
    if (k >= 0 && (lang.auxiliaries.has(t[k].lower) || /ly$/.test(t[k].lower) && !t[k].cap)) {
      if (BE.has(t[k].lower) && !['has', 'have', 'had'].includes(t[k - 1]?.lower ?? '')) return null;
      k--;
    } else if (k >= 0 && isDay(t[k], lang)) {
      // "Imran Khan on Wednesday confirmed", "Trump said Tuesday".
      k--;
      if (k >= 0 && (lang.dates.dayPrepositions.has(t[k].lower) || lang.dates.previous.has(t[k].lower))) k--;
    } else break;
  }
  const np = nounPhraseBefore(s, k, lang);
  const pre = np ? np.from - 1 : k;
  const base = { sentence: s, cue: m.cue, cueFrom: t[m.from].start, cueTo: t[m.to - 1].end, reply: !!m.cue.reply || relativeReply(t, np ? np.from : k + 1) };

  // Trailing attribution: "…,” he said." / "…, said Trump." / "…, the PTI chief says in the audio clip".
  const afterCue = t[m.to];
  const opensContent = afterCue && (lang.complementisers.has(afterCue.lower) || afterCue.text === ':' || afterCue.text === '“');
  if (pre >= 0 && (t[pre].text === ',' || t[pre].text === '”') && !opensContent && shortTail(t, m.to, lang)) {
    let speaker = np;
    if (!speaker) speaker = nounPhraseAfter(s, m.to, lang);
    const contentEnd = t[pre].text === ',' && t[pre - 1]?.text === '”' ? pre - 1 : pre;
    const piece = contentBefore(t, contentEnd, text, quotes);
    if (!piece) return null;
    const pieces: [number, number][] = [piece.range];
    const more = quoteAfter(t, speaker ? Math.max(m.to, speaker.to) : m.to, text, quotes);
    if (more) pieces.push(more);
    return { ...base, speaker, inherit: speaker ? null : 'sentence', pieces, method: piece.quote ? 'DIRECT_QUOTE' : 'REPORTED_SPEECH', quote: piece.quote };
  }
  if (m.cue.trailingOnly) return null;
  // "Chris Collins, a Trump supporter, said …": the speaker is named before the apposition; "Am Montag sagte der
  // Minister, …": after the cue (verb second).
  let subject = np ?? (t[k]?.text === ',' ? apposed(s, k, lang) : null);
  if (!subject && lang.capitalisedNouns) {
    const after = nounPhraseAfter(s, m.to, lang);
    if (after && /^[,:]$|^dass$/.test(t[after.to]?.text ?? '')) subject = after;
  }
  // Forward: "X said (that) …", "X told reporters that …", "X said: “…”".
  let from = m.to;
  {
    // The content starts at "that", a colon or a quotation a few words on: "said on Monday that", "told reporters:".
    const limit = Math.min(t.length, from + (m.cue.object || lang.capitalisedNouns ? 12 : 6));
    let found = -1;
    for (let j = from; j < limit; j++)
      if (lang.complementisers.has(t[j].lower) || t[j].text === ':' || t[j].text === '“' || m.cue.object && t[j].lower === 'to' && j > from || lang.capitalisedNouns && t[j].text === ',') {
        found = j;
        break;
      }
      else if (!t[j].word && t[j].text !== '.' && t[j].text !== ',' || lang.cues.has(t[j].lower)) break;
    if (found >= 0) from = t[found].lower === 'to' || t[found].text === ',' ? found + 1 : found;
  }
  while (from < t.length && (t[from].text === ':' || t[from].text === ',')) from++;
  let to = t.length;
  if (next && !next.source) {
    // A following cue without its own subject ("…, adding that …", "and said …") ends this content.
    let b = next.from - 1;
    while (b > from && (lang.auxiliaries.has(t[b].lower) || /ly$/.test(t[b].lower))) b--;
    if (b > from && (t[b].text === ',' || t[b].lower === 'and' || t[b].lower === 'und')) to = t[b - 1]?.text === ',' ? b - 1 : b;
  }
  for (let j = from; j < to; j++) {
    // ", to which …", ", according to …" start another attribution; ", who …" and ", which …" add to a name, not to what was said.
    if (t[j].text === ',' && (t[j + 1]?.lower === 'to' && t[j + 2]?.lower === 'which' || lang.relatives.has(t[j + 1]?.lower ?? '') || lang.sourceBefore.some((x) => matchesAt(t, j + 1, x)))) {
      to = j;
      break;
    }
  }
  while (to > from && (PUNCT_END.has(t[to - 1].text) || t[to - 1].text === ',' || t[to - 1].text === ';')) to--;
  if (to - from < 2 && !(to - from === 1 && t[from].text === '“')) return null;
  const start = t[from].start;
  let end = t[to - 1].end;
  const whole = quotes.find((q) => q.open === start && q.end >= end);
  if (whole) end = whole.end;
  const hasQuote = quotes.some((q) => q.open >= start && q.open < end);
  const [a, b] = whole ? [whole.innerStart, trimPunct(text, whole.innerStart, whole.innerEnd)] : [start, end];
  return { ...base, speaker: subject, inherit: subject ? null : 'sentence', pieces: [[a, b]], method: whole ? 'DIRECT_QUOTE' : hasQuote ? 'MIXED_QUOTE' : 'REPORTED_SPEECH', quote: !!whole || hasQuote };
}

/** After a trailing cue only a speaker, a circumstance or the end: ", he said." / ", said Trump in a statement, …". */
function shortTail(t: Token[], from: number, lang: LanguageTable): boolean {
  let n = 0;
  for (let j = from; j < t.length; j++) {
    if (t[j].text === ',' || PUNCT_END.has(t[j].text) || t[j].text === ';' || t[j].text === '“') return true;
    if (lang.complementisers.has(t[j].lower)) return false;
    if (++n > 7) return false;
  }
  return true;
}

/** The name before an apposition that ends at comma `k`: "Chris Collins, a Trump supporter, said". */
function apposed(s: Sentence, k: number, lang: LanguageTable): SpeakerPhrase | null {
  const t = s.tokens;
  let j = k - 1;
  while (j > 0 && k - j < 20 && t[j].text !== ',') {
    if (!t[j].word && t[j].text !== '.' && t[j].text !== '(' && t[j].text !== ')' && t[j].text !== '-') return null;
    j--;
  }
  if (j <= 0 || t[j].text !== ',' || k - j < 2) return null;
  const opener = t[j + 1];
  if (!(opener.cap || NP_OK.has(opener.lower) || lang.relatives.has(opener.lower) || /^(who|whose)$/.test(opener.lower))) return null;
  const np = nounPhraseBefore(s, j - 1, lang);
  return np && (np.to - np.from <= 6) && t.slice(np.from, np.to).some((x) => x.cap) ? np : null;
}

/** "to which a second voice … advises": a reply to what came before. */
function isDay(t: Token, lang: LanguageTable): boolean {
  return lang.dates.weekdays.has(t.lower) && t.cap || lang.dates.relativeDays.has(t.lower);
}

function relativeReply(t: Token[], from: number): boolean {
  for (let j = from - 1; j > 0 && j >= from - 10; j--) if (t[j].lower === 'which' && t[j - 1].lower === 'to') return true;
  return false;
}

/** "Dem Bericht zufolge, …": the source before the marker, the rest of the sentence said. */
function sourceAfter(s: Sentence, m: CueMatch, t: Token[], text: string, lang: LanguageTable): Candidate | null {
  const speaker = nounPhraseBefore(s, m.from - 1, lang);
  if (!speaker) return null;
  const before = speaker.from > 0 ? [t[0].start, t[speaker.from - 1].end] : null;
  let j = m.to;
  while (j < t.length && t[j].text === ',') j++;
  const after = j < t.length ? [t[j].start, trimPunct(text, t[j].start, t[t.length - 1].end)] : null;
  const pieces = [before, after].filter((p): p is [number, number] => !!p && p[1] - p[0] > 2);
  if (!pieces.length) return null;
  return { sentence: s, speaker, inherit: null, pieces, cue: m.cue, cueFrom: t[m.from].start, cueTo: t[m.to - 1].end, method: 'ACCORDING_TO', quote: false, reply: false };
}

function accordingTo(s: Sentence, m: CueMatch, t: Token[], text: string, lang: LanguageTable): Candidate | null {
  const speaker = nounPhraseAfter(s, m.to, lang);
  if (!speaker) return null;
  let a: number;
  let b: number;
  const atStart = m.from === 0 || (m.from <= 2 && t.slice(0, m.from).every((x) => lang.contrasts.has(x.lower) || x.lower === 'and' || x.text === ','));
  if (atStart) {
    let j = speaker.to;
    while (j < t.length && t[j].text === ',') j++;
    if (j >= t.length) return null;
    a = t[j].start;
    b = t[t.length - 1].end;
  } else {
    a = t[0].start;
    let e = m.from - 1;
    while (e > 0 && (t[e].text === ',' || t[e].text === '(')) e--;
    b = t[e].end;
  }
  b = trimPunct(text, a, b);
  if (b - a < 3) return null;
  return { sentence: s, speaker, inherit: null, pieces: [[a, b]], cue: m.cue, cueFrom: t[m.from].start, cueTo: t[m.to - 1].end, method: 'ACCORDING_TO', quote: false, reply: false };
}

const NP_OK = new Set(['the', 'a', 'an', 'his', 'her', 'their', 'its', 'our', 'my', 'your', 'several', 'many', 'some', 'all',
  'most', 'few', 'other', 'both', 'each', 'one', 'two', 'three', 'four', 'five', 'first', 'second', 'former', 'new', 'old',
  'of', 'for', 'at', 'der', 'die', 'das', 'des', 'dem', 'den', 'ein', 'eine', 'einer', 'eines', 'einem', 'einen', 'sein',
  'seine', 'ihr', 'ihre', 'mehrere', 'viele', 'einige', 'zwei', 'drei', 'von', 'vom', 'zur', 'zum']);

/** The subject before a cue, read backwards from token `k`: a pronoun, or determiners, adjectives, nouns and names. */
export function nounPhraseBefore(s: Sentence, k: number, lang: LanguageTable): SpeakerPhrase | null {
  const t = s.tokens;
  if (k < 0) return null;
  // "the opposition, which expressed …": the relative pronoun stands for the phrase before the comma.
  if (lang.relatives.has(t[k].lower) && t[k - 1]?.text === ',') return nounPhraseBefore(s, k - 2, lang);
  if (lang.pronouns.has(t[k].lower)) return { sentence: s, from: k, to: k + 1 };
  let j = k;
  for (; j >= 0 && k - j < 10; j--) {
    const x = t[j];
    if (x.text === '.' && j > 0 && (lang.abbreviations.has(t[j - 1].lower) || /^\p{Lu}$/u.test(t[j - 1].text))) continue;
    if (x.text === '-' || x.text === '’' || x.text === "'") continue;
    if (!x.word) break;
    if (lang.functionWords.has(x.lower) && !NP_OK.has(x.lower) && !(x.cap && j < k && !lang.pronouns.has(x.lower) && !lang.clauseWords.has(x.lower) && isName(t, j))) break;
    if (lang.cues.has(x.lower) && !x.cap) break;
  }
  let from = j + 1;
  // The phrase starts with its determiner or a word, not with "of" or "for", and ends with its noun.
  while (from <= k && (t[from].lower === 'of' || t[from].lower === 'for' || t[from].lower === 'at' || !t[from].word)) from++;
  if (from > k || lang.functionWords.has(t[k].lower) && !t[k].cap) return null;
  return { sentence: s, from, to: k + 1 };
}

function isName(t: Token[], j: number): boolean {
  return !!t[j + 1]?.cap;
}

/** The source after "according to" or an inverted cue (", said Trump"): up to a comma, a full stop or a clause word. */
function nounPhraseAfter(s: Sentence, from: number, lang: LanguageTable): SpeakerPhrase | null {
  const t = s.tokens;
  let j = from;
  while (j < t.length && j - from < 14) {
    const x = t[j];
    if (x.text === '.' && j > from && lang.abbreviations.has(t[j - 1].lower) && j + 1 < t.length) {
      j++;
      continue;
    }
    if (!x.word && x.text !== '-' && x.text !== "'") break;
    if (lang.clauseWords.has(x.lower) && x.lower !== 'and' || lang.cues.has(x.lower) && !x.cap) break;
    // German: past the nouns, the first lower-case word that is no article or adjective is the verb.
    if (lang.capitalisedNouns && j > from && !x.cap && !NP_OK.has(x.lower) && !(NP_OK.has(t[j - 1].lower) && /(e|en|er|es|em)$/.test(x.lower))) break;
    if (['in', 'on', 'at', 'during', 'after', 'before', 'to', 'with', 'via', 'through', 'allegedly', 'am', 'im', 'bei', 'gegenüber', 'vor', 'nach'].includes(x.lower) && j > from) break;
    j++;
  }
  while (j > from && (lang.functionWords.has(t[j - 1].lower) || lang.nameConnectors.has(t[j - 1].lower)) && !t[j - 1].cap) j--;
  if (j === from) return null;
  // A pronoun is the whole phrase: "…,” he said …".
  if (lang.pronouns.has(t[from].lower)) return { sentence: s, from, to: from + 1 };
  return { sentence: s, from, to: j };
}

/** What comes before a trailing attribution: the quotation ending there, else the sentence up to it. */
function contentBefore(t: Token[], pre: number, text: string, quotes: readonly QuoteSpan[]): { range: [number, number]; quote: boolean } | null {
  if (pre <= 0) return null;
  const endTok = t[pre];
  const a = t[0].start;
  if (endTok.text === '”') {
    // The quotation is the content when it opens the sentence; a few quoted words at the end of a clause are not.
    const q = quotes.find((x) => x.end === endTok.end);
    if (q && (q.open <= a || /[:,]\s*$/.test(text.slice(a, q.open)) && q.innerEnd - q.innerStart > 40))
      return { range: [q.innerStart, trimPunct(text, q.innerStart, q.innerEnd)], quote: true };
  }
  const b = trimPunct(text, a, t[pre - (endTok.text === ',' ? 1 : 0)].end);
  if (b - a < 3) return null;
  // A sentence that opens with a quotation closed just before the comma: the quotation is the content.
  const q = quotes.find((x) => x.open === a && x.end >= b - 1);
  if (q) return { range: [q.innerStart, trimPunct(text, q.innerStart, q.innerEnd)], quote: true };
  if (t.filter((x) => x.word && x.end <= b).length < 3) return null;
  return { range: [a, b], quote: false };
}

/** A quotation continuing right after the attribution: “…,” he said, “…”. */
function quoteAfter(t: Token[], k: number, text: string, quotes: readonly QuoteSpan[]): [number, number] | null {
  while (k < t.length && t[k].text === ',') k++;
  if (t[k]?.text !== '“') return null;
  const q = quotes.find((x) => x.open === t[k].start);
  return q ? [q.innerStart, trimPunct(text, q.innerStart, q.innerEnd)] : null;
}

/** Drops trailing punctuation and spaces from [a, b). */
export function trimPunct(text: string, a: number, b: number): number {
  while (b > a && /[\s,;:.]/.test(text[b - 1])) b--;
  if (text[b - 1] === '!' || text[b - 1] === '?') return b;
  return b;
}
