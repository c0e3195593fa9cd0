import type { EVIDENCE_METHODS } from '../ingest/document.js';
import type { Cue, LanguageTable } from './lang/types.js';
import type { QuoteSpan } from './normalise.js';
import type { Sentence, Token } from './segment.js';
import { clauseSubject, ownSource, separableCue, sourceNounMarker, subjectBeforeApposition } from './german.js';
import { findingOpening } from './english.js';

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
  /** Reported speech going on with no cue of its own (German Konjunktiv I): joins the continuation before it. */
  continuation?: boolean;
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
  const finding = lang.findingNouns && !out.some((c) => c.method === 'ACCORDING_TO') ? findingOpening(sentence, text, lang) : null;
  if (finding) out.push(finding);
  if (lang.speakerColon && !out.some((c) => c.cueFrom < (t.find((x) => x.text === ':')?.start ?? 0))) {
    const labelled = speakerColon(sentence, text, quotes, lang);
    if (labelled) out.push(labelled);
  }
  return out;
}

/** A headline's "Graham: Trump's rhetoric is destroying the party": a name, a colon, what they said. */
function speakerColon(s: Sentence, text: string, quotes: readonly QuoteSpan[], lang: LanguageTable): Candidate | null {
  const t = s.tokens;
  const colon = t.findIndex((x) => x.text === ':');
  if (colon < 1 || colon > 6 || t.length - colon < 4) return null;
  const label = t.slice(0, colon);
  if (!label.every((x) => x.word || x.text === '.' || x.text === '-' || x.text === "'") || !label.some((x, i) => x.cap && !lang.functionWords.has(x.lower) && (i > 0 || label.length === 1 || label[1].cap))) return null;
  if (label.filter((x) => x.word && !x.cap).length > 2 || label.some((x) => lang.cues.has(x.lower) && !x.cap)) return null;
  const a = t[colon + 1].start;
  const q = quotes.find((x) => x.open === a && x.end >= t[t.length - 1].end - 1);
  const piece: [number, number] = q ? [q.innerStart, trimPunct(text, q.innerStart, q.innerEnd)] : [a, trimPunct(text, a, t[t.length - 1].end)];
  return { sentence: s, speaker: { sentence: s, from: 0, to: colon }, inherit: null, pieces: [piece], cue: { kind: 'CLAIM' }, cueFrom: t[colon].start, cueTo: t[colon].end, method: q ? 'DIRECT_QUOTE' : 'REPORTED_SPEECH', quote: !!q, reply: false };
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
    const marker = sourceNounMarker(t, i, lang);
    if (marker) {
      out.push({ from: i, to: i + 1, cue: { kind: 'CLAIM' }, source: true, after: marker === 'after' });
      continue;
    }
    const src = first.source.find((w) => w.every((x, k) => t[i + k]?.lower === x));
    if (src) {
      out.push({ from: i, to: i + src.length, cue: { kind: 'CLAIM' }, source: true });
      i += src.length - 1;
      continue;
    }
    const particles = lang.separable?.get(t[i].lower);
    if (particles) {
      const cue = separableCue(t, i, particles);
      if (cue && !(t[i].cap && i > 0 && !PUNCT_END.has(t[i - 1].text))) out.push({ from: i, to: i + 1, cue, source: false });
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

function endsAt(t: Token[], k: number, phrase: string): boolean {
  const w = phrase.split(' ');
  return w.every((x, n) => t[k - w.length + 1 + n]?.lower === x);
}

function matchesAt(t: Token[], i: number, phrase: string): boolean {
  const w = phrase.split(' ');
  return w.every((x, k) => t[i + k]?.lower === x);
}

const BE = new Set(['is', 'was', 'were', 'are', 'be', 'been', 'being', "'s", 'ist', 'wird', 'wurde', 'wurden', 'werden', 'sind', 'war']);

function verbCue(s: Sentence, m: CueMatch, next: CueMatch | undefined, t: Token[], text: string, quotes: readonly QuoteSpan[], lang: LanguageTable): Candidate | null {
  // "his backing", "the reported talks": after a determiner the word is no verb, and a cue only as a noun with its
  // complement ("his promise to build a wall"), as forms that are often nouns always are.
  const complement = /^(to|that)$/.test(t[m.to]?.lower ?? '');
  // "Polls show Trump ahead": after a poll or a record the verb reports with no "that".
  const finding = m.from > 0 && !!lang.findingNouns?.has(t[m.from - 1].lower);
  if (!complement && !finding && (m.cue.complementOnly || m.from > 0 && lang.determiners?.has(t[m.from - 1].lower))) return null;
  // Raising and passives are not reports: "claimed to be", "is said to", "was told".
  if (t[m.to]?.lower === 'to' && BE.has(t[m.to + 1]?.lower ?? '')) return null;
  let k = m.from - 1;
  for (;;) {
    if (k >= 0 && (lang.auxiliaries.has(t[k].lower) || /ly$/.test(t[k].lower) && !t[k].cap)) {
      // "has been saying" goes on saying; "has been attacked" is a passive.
      const progressive = ['has', 'have', 'had'].includes(t[k - 1]?.lower ?? '') && !(lang.participleEnding && t[k].lower === 'been' && !t[m.from].lower.endsWith(lang.participleEnding));
      if (BE.has(t[k].lower) && !progressive) return null;
      k--;
    } else if (k >= 0 && t[k].text === ')' && t.slice(Math.max(0, k - 15), k).some((x) => x.text === '(')) {
      // "Kasich (who has 25 delegates to date) said".
      while (t[k].text !== '(') k--;
      k--;
    } else if (k >= 0 && lang.timeAdverbials?.find((p) => endsAt(t, k, p))) {
      // "Trump last week invited", "Clinton earlier this month said".
      k -= lang.timeAdverbials.find((p) => endsAt(t, k, p))!.split(' ').length;
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
  // ", so der Sprecher": a trailing-only cue is followed by its speaker, not by "dass", "auch" or a verb.
  if (m.cue.trailingOnly && !(afterCue && (afterCue.cap || NP_OK.has(afterCue.lower) || lang.pronouns.has(afterCue.lower)))) return null;
  // German "X sagte, …": a comma right after the cue opens what was said (a trailing cue has its speaker there).
  const opensContent = afterCue && (lang.complementisers.has(afterCue.lower) || afterCue.text === ':' || afterCue.text === '“' || !!lang.verbSecond && afterCue.text === ',');
  const apposition = lang.verbSecond && t[pre]?.text === ',' && subjectBeforeApposition(s, pre, m.to, lang);
  // "…,” Anne Richards, an assistant secretary, said." names the speaker before its apposition; "Douglas Schoen,
  // Bloomberg's pollster, says his man …" opens the sentence with it, so what follows the cue was said.
  const named = !np && !lang.verbSecond && t[k]?.text === ',' ? apposed(s, k, lang) : null;
  const lead = named && named.from > 0 && /^[,”]$/.test(t[named.from - 1].text) && t[named.to]?.text === ',' ? named : null;
  // "…, a spokeswoman, Anna White, said": the content ends before the role too.
  const role = lead ? nounPhraseBefore(s, lead.from - 2, lang) : null;
  const roleFirst = role && t[role.from - 1]?.text === ',' && (lang.personNouns.has(t[role.to - 1].lower) || lang.titles.has(t[role.to - 1].lower));
  const stop = lead ? (roleFirst ? role.from - 1 : lead.from - 1) : pre;
  // A quotation closed on a comma or a question asks for its attribution, however long: "…,” Comey said at a news conference in …".
  const quoted = t[stop]?.text === '”' && /^[,?!]$/.test(t[stop - 1]?.text ?? '') || t[stop]?.text === ',' && t[stop - 1]?.text === '”';
  // ", telling them, “…”", ", referring to …": a participle with no subject of its own goes on with its clause, never trails.
  const goesOn = !np && !!lang.participleEnding && m.to - m.from <= 2 && t[m.from].lower.endsWith(lang.participleEnding) && t[stop]?.text === ',' && !lang.verbSecond;
  // "In February, Mr. Trump said, “…”": a quotation after the cue's comma is what was said, unless a quotation ends before it.
  const quoteNext = !lang.verbSecond && afterCue?.text === ',' && t[m.to + 1]?.text === '“' && !quoted;
  if (stop >= 0 && (t[stop].text === ',' || t[stop].text === '”') && !opensContent && !goesOn && !quoteNext && (quoted || shortTail(t, m.to, lang)) && !apposition && !(named && !lead) && !introduces(t, stop, lang)) {
    let speaker = np ?? lead;
    if (!speaker) speaker = nounPhraseAfter(s, m.to, lang);
    const contentEnd = t[stop].text === ',' && t[stop - 1]?.text === '”' ? stop - 1 : stop;
    const piece = contentBefore(t, contentEnd, text, quotes);
    const aside = t[stop].text === ',' && !lead && !(piece?.quote) ? parenthetical(t, stop, speaker ? Math.max(m.to, speaker.to) : m.to, text, lang) : null;
    if (aside) return { ...base, speaker, inherit: speaker ? null : 'sentence', pieces: aside, method: 'REPORTED_SPEECH', quote: false };
    if (!piece) return null;
    const pieces: [number, number][] = [piece.range];
    const more = quoteAfter(t, speaker ? Math.max(m.to, speaker.to) : m.to, text, quotes);
    if (more) pieces.push(more);
    return { ...base, speaker, inherit: speaker ? null : 'sentence', pieces, method: piece.quote ? 'DIRECT_QUOTE' : 'REPORTED_SPEECH', quote: piece.quote };
  }
  if (m.cue.trailingOnly) return null;
  // "Chris Collins, a Trump supporter, said …": the speaker is named before the apposition; "Am Montag sagte der
  // Minister, …": after the cue (verb second).
  // "Trump went after Bush, calling him …": a participle after a clause has that clause's subject.
  // "Obama stood beside him and described …": so does a verb coordinated with the clause's.
  const participle = !np && !t.slice(0, m.from).some((x) => !x.cap && lang.cues.has(x.lower)) && (
    !!lang.participleEnding && t[m.from].lower.endsWith(lang.participleEnding) && /^(,|by|while|before|after)$/.test(t[k]?.lower ?? '') ||
    lang.coordinators?.has(t[k]?.lower ?? ''));
  let subject = (lang.verbSecond ? clauseSubject(s, m.from, m.to, lang) : null) ?? np ?? (participle ? leadingSubject(s, k, lang) : null) ?? (t[k]?.text === ',' ? openingName(s, k, lang) ?? apposed(s, k, lang) : null);
  // Any other cue with no subject of its own and none before it in the sentence: the main clause's subject.
  if (!subject && !lang.verbSecond && !t.slice(0, m.from).some((x) => !x.cap && lang.cues.has(x.lower))) subject = leadingSubject(s, Math.max(0, k), lang);
  if (!subject && lang.capitalisedNouns) {
    const after = nounPhraseAfter(s, m.to, lang);
    const head = after && t[after.from];
    if (after && head && (head.cap || NP_OK.has(head.lower) || lang.pronouns.has(head.lower)) && /^[,:]$|^dass$/.test(t[after.to]?.text ?? '')) subject = after;
  }
  // Forward: "X said (that) …", "X told reporters that …", "X said: “…”".
  let from = m.to;
  {
    // The content starts at "that", a colon or a quotation a few words on: "said on Monday that", "told reporters:".
    const limit = Math.min(t.length, from + (m.cue.object || lang.capitalisedNouns ? 12 : 6));
    let found = -1;
    for (let j = from; j < limit; j++)
      if (lang.complementisers.has(t[j].lower) || t[j].text === ':' || t[j].text === '“' && (j === from || /^[,:]$/.test(t[j - 1].text)) || m.cue.object && t[j].lower === 'to' && j > from || lang.capitalisedNouns && t[j].text === ',') {
        found = j;
        break;
      }
      else if (!t[j].word && t[j].text !== '.' && t[j].text !== ',' || lang.cues.has(t[j].lower)) break;
    if (found >= 0) from = t[found].lower === 'to' || t[found].text === ',' ? found + 1 : found;
    // German annotations take a report with an object and no clause whole: "Die Polizei gab die Festnahme bekannt."
    else if (lang.verbSecond && !m.cue.trailingOnly && t.length - m.to > 3) from = 0;
  }
  // "endorsed Mrs. Clinton this month, …": a cue taking an object says only the object.
  const objectOnly = !!m.cue.nominal && from === m.to;
  if (from === m.to && lang.adjunctOpeners?.has(t[from]?.lower ?? '')) return null;
  while (from < t.length && (t[from].text === ':' || t[from].text === ',')) from++;
  let to = t.length;
  if (objectOnly)
    for (let j = from + 1; j < to; j++)
      if (/^[,;:(—–]$/.test(t[j].text) || lang.clauseWords.has(t[j].lower) && t[j].lower !== 'and' || lang.objectEnds?.has(t[j].lower)) {
        to = j;
        break;
      }
  if (next && !next.source) {
    // A following cue without its own subject ("…, adding that …", "and said …") ends this content.
    let b = next.from - 1;
    while (b > from && (lang.auxiliaries.has(t[b].lower) || /ly$/.test(t[b].lower))) b--;
    if (b > from && (t[b].text === ',' || t[b].lower === 'and' || t[b].lower === 'und' || lang.coordinators?.has(t[b].lower))) to = t[b - 1]?.text === ',' ? b - 1 : b;
    // "…, and three-quarters said …", "…, while another says …": a cue with a subject of its own after a clause break.
    else if (!lang.verbSecond) {
      const other = nounPhraseBefore(s, b, lang);
      const c = other ? other.from - 1 : -1;
      if (other && c > from && (lang.coordinators?.has(t[c].lower) || lang.clauseWords.has(t[c].lower) && !lang.complementisers.has(t[c].lower)) && t[c - 1]?.text === ',') to = c - 1;
    }
  }
  for (let j = from; j < to; j++) {
    // ", to which …", ", according to …" start another attribution; ", who …" and ", which …" add to a name, not to what was said.
    // A semicolon outside a quotation starts another clause, and so does ", but he …" with a subject of its own.
    const outside = !quotes.some((q) => t[j].start > q.innerStart && t[j].end <= q.innerEnd);
    if (outside && (t[j].text === ';' || t[j].text === ',' && lang.coordinators?.has(t[j + 1]?.lower ?? '') && clauseAfter(s, j + 2, lang))) {
      to = j;
      break;
    }
    if (t[j].text === ',' && (t[j + 1]?.lower === 'to' && t[j + 2]?.lower === 'which' || lang.relatives.has(t[j + 1]?.lower ?? '') || lang.sourceBefore.some((x) => matchesAt(t, j + 1, x)))) {
      to = j;
      break;
    }
    // ", even though …", "— while …": the writer's own clause after what was said.
    if (outside && j > from && /^[,—–-]$/.test(t[j].text) && lang.contentBreaks?.some((x) => matchesAt(t, j + 1, x))) {
      to = j;
      break;
    }
  }
  // "After announcing that he would not run, Mr. Biden has been …": a cue in an opening clause says what comes before
  // the main clause, whose subject is the speaker.
  if (!lang.verbSecond && opensWithClause(t, m.from, lang)) {
    const inside = (j: number) => quotes.some((q) => t[j].start >= q.innerStart && t[j].end <= q.innerEnd);
    for (let j = from + 1; j < to; j++) {
      const main = t[j].text === ',' && !inside(j) ? clauseAfter(s, j + 1, lang) : null;
      if (main === undefined || main === null) continue;
      to = j;
      if (main !== 'clause') subject ??= main;
      break;
    }
  }
  while (to > from && (PUNCT_END.has(t[to - 1].text) || t[to - 1].text === ',' || t[to - 1].text === ';')) to--;
  if (to - from < 2 && !(to - from === 1 && (t[from].text === '“' || objectOnly && t[from].word))) return null;
  const start = t[from].start;
  let end = t[to - 1].end;
  const whole = quotes.find((q) => q.open === start && q.end >= end);
  if (whole) end = whole.end;
  const hasQuote = quotes.some((q) => q.open >= start && q.open < end);
  const [a, b] = whole ? [whole.innerStart, trimPunct(text, whole.innerStart, whole.innerEnd)] : [start, end];
  return { ...base, speaker: subject, inherit: subject ? null : 'sentence', pieces: [[a, b]], method: whole ? 'DIRECT_QUOTE' : hasQuote ? 'MIXED_QUOTE' : 'REPORTED_SPEECH', quote: !!whole || hasQuote };
}

/**
 * An attribution set inside its content: "The editorial, sources said, nailed …", "Overall, she said, …". Only when a
 * few words come before it, so a full sentence followed by ", he said, adding …" stays a trailing attribution.
 */
function parenthetical(t: Token[], pre: number, e: number, text: string, lang: LanguageTable): [number, number][] | null {
  if (t.slice(0, pre).filter((x) => x.word).length > 6 || t[e]?.text !== ',') return null;
  let j = e + 1;
  // ", said Sunshine, who remains friendly with her former boss, doesn't forgive …": past the relative clause.
  if (lang.relatives.has(t[j]?.lower ?? '')) {
    while (j < t.length && t[j].text !== ',') j++;
    j++;
  }
  if (j >= t.length || !t[j].word || lang.cues.has(t[j].lower) || t.slice(j).filter((x) => x.word).length < 2) return null;
  const pieces: [number, number][] = [];
  if (pre > 0) pieces.push([t[0].start, t[pre - 1].end]);
  pieces.push([t[j].start, trimPunct(text, t[j].start, t[t.length - 1].end)]);
  return pieces;
}

/** "In an email, Mr. Trump said …", "Now, 52 percent said …": a short opening phrase, not what was said. */
function introduces(t: Token[], comma: number, lang: LanguageTable): boolean {
  if (lang.verbSecond || t[comma].text !== ',' || t.slice(0, comma).filter((x) => x.word).length > 6) return false;
  const w = t[0].lower;
  return t[0].word && lang.functionWords.has(w) && !NP_OK.has(w) && !lang.pronouns.has(w) && !lang.contrasts.has(w) && !lang.coordinators?.has(w) &&
    !lang.determiners?.has(w) && !lang.complementisers.has(w);
}

/** After a trailing cue only a speaker, a circumstance or the end: ", he said." / ", said Trump in a statement, …". */
function shortTail(t: Token[], from: number, lang: LanguageTable): boolean {
  // "…, 61 percent said they have their minds made up": a pronoun and its verb open a clause, not a tail.
  if (!lang.verbSecond && lang.pronouns.has(t[from]?.lower ?? '') && t[from + 1]?.word && !t[from + 1].cap) return false;
  let n = 0;
  for (let j = from; j < t.length; j++) {
    // German "Carter, der …, sagte Reportern, dass …": a clause after the tail makes the cue a forward one.
    if (t[j].text === ',' && lang.verbSecond && lang.complementisers.has(t[j + 1]?.lower ?? '')) return false;
    if (t[j].text === '.' && j > from && lang.abbreviations.has(t[j - 1].lower) && j + 1 < t.length) continue; // "Mr."
    if (t[j].text === ',' || PUNCT_END.has(t[j].text) || t[j].text === ';') return true;
    // “…” right after the words, with no comma: they are the subject of a clause ("said places such as Iowa “have …”").
    if (t[j].text === '“') return false;
    if (lang.complementisers.has(t[j].lower)) return false;
    if (++n > 7) return false;
  }
  return true;
}

/** The sentence opens with a subordinate or participial clause ("After announcing …", "Asked whether …", "While …"). */
function opensWithClause(t: Token[], cueAt: number, lang: LanguageTable): boolean {
  let i = 0;
  while (i < cueAt && (lang.contrasts.has(t[i].lower) || lang.coordinators?.has(t[i].lower) || t[i].text === ',')) i++;
  if (i === cueAt) return true;
  const w = t[i].lower;
  return lang.functionWords.has(w) && !NP_OK.has(w) && !lang.pronouns.has(w) && !lang.relatives.has(w) && !lang.complementisers.has(w) && !lang.honorifics.has(w) ||
    !!lang.participleEnding && w.endsWith(lang.participleEnding);
}

/**
 * A main clause starting at token `j`: its subject when it is a pronoun or a name ("he has", "Mr. Biden has been"),
 * 'clause' for another subject ("the billionaire offered"), null when the words go on with the clause before.
 */
function clauseAfter(s: Sentence, j: number, lang: LanguageTable): SpeakerPhrase | 'clause' | null {
  const t = s.tokens;
  const verb = (x: Token | undefined) => !!x && x.word && !x.cap && (!lang.functionWords.has(x.lower) || lang.auxiliaries.has(x.lower));
  if (!t[j]?.word) return null;
  if (lang.pronouns.has(t[j].lower)) return verb(t[j + 1]) ? { sentence: s, from: j, to: j + 1 } : null;
  if (t[j].cap) {
    let e = j;
    while (e < t.length && (t[e].cap && t[e].word || t[e].text === '.' && lang.abbreviations.has(t[e - 1].lower))) e++;
    return verb(t[e]) ? { sentence: s, from: j, to: e } : null;
  }
  if (NP_OK.has(t[j].lower)) {
    for (let e = j + 1; e < t.length && e <= j + 6 && t[e].word; e++)
      if (!t[e].cap && (lang.auxiliaries.has(t[e].lower) || lang.cues.has(t[e].lower) || /ed$/.test(t[e].lower))) return 'clause';
  }
  return null;
}

/**
 * The subject of the sentence's main clause, before token `end`: the phrase opening the sentence, or the one after an
 * opening phrase ("Speaking in Salem, New Hampshire, Trump went …"), followed by its verb.
 */
function leadingSubject(s: Sentence, end: number, lang: LanguageTable): SpeakerPhrase | null {
  const t = s.tokens;
  const starts = [0, ...t.slice(0, end).flatMap((x, i) => (x.text === ',' ? [i + 1] : []))];
  let opening: SpeakerPhrase | null = null;
  for (let i of starts) {
    while (i < end && (lang.contrasts.has(t[i].lower) || lang.coordinators?.has(t[i].lower))) i++;
    if (i >= end) return opening;
    // "Speaking at …,", "In Iowa,": an opening phrase, not the subject.
    if (t[i].lower.endsWith(lang.participleEnding ?? '\0') || lang.functionWords.has(t[i].lower) && !NP_OK.has(t[i].lower) && !lang.pronouns.has(t[i].lower)) continue;
    if (lang.pronouns.has(t[i].lower)) {
      if (t[i + 1]?.word && !t[i + 1].cap) return { sentence: s, from: i, to: i + 1 };
      continue;
    }
    let j = i;
    while (j < end && j - i < 8) {
      const x = t[j];
      const abbreviation = x.text === '.' && j > i && (lang.abbreviations.has(t[j - 1].lower) || /^\p{Lu}$/u.test(t[j - 1].text));
      if (!(x.word && (x.cap || NP_OK.has(x.lower) && x.lower !== 'of' && x.lower !== 'for' && x.lower !== 'at' || lang.personNouns.has(x.lower) || lang.titles.has(x.lower)) || abbreviation || x.text === "'s" || x.text === '’s')) break;
      j++;
    }
    const named = t.slice(i, j).some((x) => x.cap && !lang.functionWords.has(x.lower) || lang.personNouns.has(x.lower));
    if (j > i && named && t[j]?.word && !t[j].cap) return { sentence: s, from: i, to: j };
    // "Clinton, during a town hall in Columbus, Ohio, said …": the subject the sentence opens with, before an insert.
    if (i === 0 && j > i && named && t[j]?.text === ',') opening = { sentence: s, from: i, to: j };
  }
  return opening;
}

/**
 * "Sandy Phillips, who lost her daughter in Aurora, Colorado, in July 2012, said …": a sentence opening with a name and
 * a comma has that name as the subject of a cue after its inserts, not the last place named in them.
 */
function openingName(s: Sentence, k: number, lang: LanguageTable): SpeakerPhrase | null {
  const t = s.tokens;
  if (lang.verbSecond || !t[0].cap || !t[0].word || lang.functionWords.has(t[0].lower)) return null;
  const o = leadingSubject(s, k, lang);
  return o && o.from === 0 && o.to < k && t[o.to].text === ',' && t.slice(o.from, o.to).some((x) => x.cap && !lang.functionWords.has(x.lower)) ? o : null;
}

/** The name before an apposition that ends at comma `k`: "Chris Collins, a Trump supporter, said". */
export function apposed(s: Sentence, k: number, lang: LanguageTable): SpeakerPhrase | null {
  const t = s.tokens;
  let j = k - 1;
  while (j > 0 && k - j < 20 && t[j].text !== ',') {
    if (!t[j].word && t[j].text !== '.' && t[j].text !== '(' && t[j].text !== ')' && t[j].text !== '-') return null;
    j--;
  }
  if (j <= 0 || t[j].text !== ',' || k - j < 2) return null;
  const opener = t[j + 1];
  // "…, associate professor of history at …, said", "…, then 38, said": any opener, as long as a name precedes.
  if (!opener.word) return null;
  const np = nounPhraseBefore(s, j - 1, lang);
  if (!np || np.to - np.from > 6) return null;
  if (t.slice(np.from, np.to).some((x) => x.cap && !lang.functionWords.has(x.lower))) return np;
  // "Another pollster, David Woodard of Clemson University, said": a role, then the name in apposition.
  let e = j + 1;
  while (e < k && (t[e].cap && t[e].word || t[e].text === '.' && lang.abbreviations.has(t[e - 1].lower))) e++;
  if (opener.cap && e > j + 1 && (lang.personNouns.has(t[np.to - 1].lower) || lang.titles.has(t[np.to - 1].lower))) return { sentence: s, from: j + 1, to: e };
  return t.slice(np.from, np.to).some((x) => x.cap) ? np : null;
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
  let speaker = nounPhraseAfter(s, m.to, lang);
  // "Die Feuerwehr hat nach eigenen Angaben …": the source is the clause's subject.
  if (speaker && lang.verbSecond && /^(eigene[nr]?|seine[nr]?|ihre[nr]?)$/.test(t[speaker.from].lower)) speaker = ownSource(s, m.from, speaker.to, lang) ?? speaker;
  if (!speaker) return null;
  let a: number;
  let b: number;
  // "…: According to recent polls, …", "(According to the police, …": a new clause starts there too.
  const atStart = m.from === 0 || (m.from <= 2 && t.slice(0, m.from).every((x) => lang.contrasts.has(x.lower) || x.lower === 'and' || x.text === ',' || x.text === '(')) ||
    !lang.verbSecond && /^[:;(]$/.test(t[m.from - 1].text);
  if (atStart) {
    let j = speaker.to;
    while (j < t.length && t[j].text === ',') j++;
    if (j >= t.length) return null;
    a = t[j].start;
    b = t[t.length - 1].end;
  } else if (lang.sourceInClause) {
    a = t[0].start;
    b = t[t.length - 1].end;
  } else {
    a = t[0].start;
    let e = m.from - 1;
    while (e > 0 && (t[e].text === ',' || t[e].text === '(')) e--;
    b = t[e].end;
  }
  b = trimPunct(text, a, b);
  if (b - a < 3) return null;
  const pieces: [number, number][] = [[a, b]];
  // "Fundraising, according to the campaign, has surged": a marker set inside the clause; both halves were said.
  let j = speaker.to;
  if (!atStart && !lang.sourceInClause && t[m.from - 1]?.text === ',' && t[j]?.text === ',' && t.slice(0, m.from).filter((x) => x.word).length <= 8) {
    while (j < t.length && t[j].text === ',') j++;
    if (t.slice(j).filter((x) => x.word).length >= 2) pieces.push([t[j].start, trimPunct(text, t[j].start, t[t.length - 1].end)]);
  }
  return { sentence: s, speaker, inherit: null, pieces, cue: m.cue, cueFrom: t[m.from].start, cueTo: t[m.to - 1].end, method: 'ACCORDING_TO', quote: false, reply: false };
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
  // "Most said …", "another says …": a quantifier standing for people.
  if (lang.quantifiers?.has(t[k].lower) && !(k > 0 && t[k - 1].word && lang.functionWords.has(t[k - 1].lower) && !lang.contrasts.has(t[k - 1].lower) && !lang.clauseWords.has(t[k - 1].lower)))
    return { sentence: s, from: k, to: k + 1 };
  let j = k;
  for (; j >= 0 && k - j < 10; j--) {
    const x = t[j];
    if (x.text === '.' && j > 0 && (lang.abbreviations.has(t[j - 1].lower) || /^\p{Lu}$/u.test(t[j - 1].text))) continue;
    if (x.text === '-' || x.text === '’' || x.text === "'") continue;
    if (!x.word) break;
    // "Clinton and Sanders said", "teachers and union officials told": two names or groups joined.
    if (lang.coordinators?.has(x.lower) && !lang.contrasts.has(x.lower) && j < k && j > 0 && people(t[j - 1], lang) && (t[j + 1].cap || people(t[k], lang))) continue;
    if (lang.functionWords.has(x.lower) && !NP_OK.has(x.lower) && !(x.cap && j < k && !lang.pronouns.has(x.lower) && !lang.clauseWords.has(x.lower) && isName(t, j))) break;
    if (lang.cues.has(x.lower) && !x.cap) break;
  }
  let from = j + 1;
  // The phrase starts with its determiner or a word, not with "of" or "for", and ends with its noun.
  while (from <= k && (t[from].lower === 'of' || t[from].lower === 'for' || t[from].lower === 'at' || !t[from].word)) from++;
  if (from > k || lang.functionWords.has(t[k].lower) && !t[k].cap) return null;
  return { sentence: s, from, to: k + 1 };
}

/** A name, or a noun for people ("teachers"). */
function people(x: Token, lang: LanguageTable): boolean {
  return x.word && (x.cap && !lang.functionWords.has(x.lower) || lang.personNouns.has(x.lower) || lang.personNouns.has(x.lower.replace(/s$/, '')));
}

function isName(t: Token[], j: number): boolean {
  // "Mr. Tribe", "Sen. Sanders": an abbreviation's full stop comes between.
  return !!t[j + 1]?.cap || t[j + 1]?.text === '.' && !!t[j + 2]?.cap;
}

/** The source after "according to" or an inverted cue (", said Trump"): up to a comma, a full stop or a clause word. */
export function nounPhraseAfter(s: Sentence, from: number, lang: LanguageTable): SpeakerPhrase | null {
  const t = s.tokens;
  let j = from;
  while (j < t.length && j - from < 14) {
    const x = t[j];
    if (x.text === '.' && j > from && lang.abbreviations.has(t[j - 1].lower) && j + 1 < t.length) {
      j++;
      continue;
    }
    if (!x.word && x.text !== '-' && x.text !== "'") break;
    // German articles are clause words too (as relative pronouns), but inside a noun phrase they are articles.
    if (lang.clauseWords.has(x.lower) && x.lower !== 'and' && !(lang.capitalisedNouns && NP_OK.has(x.lower)) || lang.cues.has(x.lower) && !x.cap) break;
    // German: after a noun only a genitive article goes on with its phrase ("Angaben der Polizei"), not "die", "ein" ….
    if (lang.capitalisedNouns && j > from && t[j - 1].cap && /^(die|das|den|dem|ein|eine|einen|einem)$/.test(x.lower)) break;
    // German: past the nouns, the first lower-case word that is no article or adjective is the verb.
    if (lang.capitalisedNouns && j > from && !x.cap && !NP_OK.has(x.lower) && !(NP_OK.has(t[j - 1].lower) && /(e|en|er|es|em)$/.test(x.lower))) break;
    if (['in', 'on', 'at', 'during', 'after', 'before', 'to', 'with', 'via', 'through', 'allegedly', 'am', 'im', 'bei', 'gegenüber', 'vor', 'nach', 'zum', 'zur', 'mit', 'für', 'auf', 'über', 'um', 'durch'].includes(x.lower) && j > from) break;
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
