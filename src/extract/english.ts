import { type Candidate, type SpeakerPhrase, trimPunct } from './attribution.js';
import type { LanguageTable } from './lang/types.js';
import type { Sentence } from './segment.js';

/** Words before the comma of an opening "In …," phrase, at most. */
const OPENING_REACH = 14;

/**
 * "In a Des Moines Register poll last month, Mr. Cruz had a 10-point lead": a poll or study named in an opening
 * phrase is the source of the clause after it, as if "according to" it.
 */
export function findingOpening(s: Sentence, text: string, lang: LanguageTable): Candidate | null {
  const nouns = lang.findingNouns;
  const t = s.tokens;
  if (!nouns || t.length < 6) return null;
  let i = 0;
  while (i < t.length && (lang.contrasts.has(t[i].lower) || lang.coordinators?.has(t[i].lower) || t[i].text === ',')) i++;
  if (t[i]?.lower !== 'in') return null;
  const comma = t.findIndex((x, k) => k > i && x.text === ',');
  if (comma < 0 || comma - i > OPENING_REACH || comma + 3 > t.length) return null;
  const phrase = t.slice(i + 1, comma);
  if (!phrase.some((x) => nouns.has(x.lower)) || phrase.some((x) => !x.cap && lang.cues.has(x.lower))) return null;
  const a = t[comma + 1].start;
  const b = trimPunct(text, a, t[t.length - 1].end);
  if (t.slice(comma + 1).filter((x) => x.word).length < 3) return null;
  return {
    sentence: s, speaker: { sentence: s, from: i + 1, to: comma }, inherit: null, pieces: [[a, b]], cue: { kind: 'CLAIM' },
    cueFrom: t[i].start, cueTo: t[i].end, method: 'ACCORDING_TO', quote: false, reply: false,
  };
}

/**
 * "President Clinton released the following statement: “…”": a quotation after a colon, in a sentence that opens with
 * a name and its verb, is that name's.
 */
export function colonSubject(s: Sentence, quoteStart: number, lang: LanguageTable): SpeakerPhrase | null {
  const t = s.tokens;
  const at = t.findIndex((x) => x.text === '“' && x.end === quoteStart);
  if (at < 2 || t[at - 1].text !== ':') return null;
  // "When Wallace died in 1998, President Clinton released …": past an opening clause.
  const from = lang.functionWords.has(t[0].lower) ? t.findIndex((x, k) => k < at && x.text === ',') + 1 : 0;
  let e = from;
  while (e < at && (t[e].cap && t[e].word && !lang.functionWords.has(t[e].lower) || e > from && t[e].text === '.' && lang.abbreviations.has(t[e - 1].lower))) e++;
  if (e === from || !t[e]?.word || t[e].cap) return null;
  return { sentence: s, from, to: e };
}
