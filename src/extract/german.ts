import { apposed, type Candidate, nounPhraseAfter, nounPhraseBefore, type SpeakerPhrase, trimPunct } from './attribution.js';
import type { Cue, LanguageTable } from './lang/types.js';
import type { QuoteSpan } from './normalise.js';
import type { Sentence } from './segment.js';

/**
 * "Der Minister sagte, die Lage sei ernst. Man habe alles versucht." — German reports go on in Konjunktiv I over
 * sentences with no cue; such a sentence is reported speech of whoever spoke last (the caller decides who).
 */
export function moodContinuation(s: Sentence, text: string, quotes: readonly QuoteSpan[], lang: LanguageTable): Candidate | null {
  const mood = lang.reportedMood;
  if (!mood) return null;
  const t = s.tokens;
  const quoted = (k: number) => quotes.some((q) => t[k].start >= q.innerStart && t[k].end <= q.innerEnd);
  // The main clause must be in the mood: "…, die aufgestockt werden sollen" is a relative clause of a plain statement.
  const [from, to] = mainClause(t, lang);
  if (!t.slice(from, to).some((x, k) => mood.has(x.lower) && !quoted(from + k))) return null;
  if (t[t.length - 1].text === '?') return null;
  const start = t[0].text === '“' && quotes.some((q) => q.open === t[0].start && q.end >= s.end - 1) ? t[1]?.start ?? s.start : s.start;
  const end = trimPunct(text, start, s.end);
  if (end - start < 8) return null;
  return {
    sentence: s, speaker: null, inherit: 'paragraph', pieces: [[start, end]], cue: null, cueFrom: t[0].start, cueTo: t[0].end,
    method: 'REPORTED_SPEECH', quote: false, reply: false, continuation: true,
  };
}

/** Token range of a sentence's main clause: its first clause, or the one after a leading subordinate clause. */
function mainClause(t: Sentence['tokens'], lang: LanguageTable): [number, number] {
  const end = (from: number) => {
    let k = from;
    while (k < t.length && !/^[,;:]$/.test(t[k].text)) k++;
    return k;
  };
  const first = end(0);
  if (!lang.verbSecond?.subordinators.has(t[0].lower) || first >= t.length) return [0, first];
  return [first + 1, end(first + 1)];
}

/**
 * The subject of a German reporting verb: before the finite verb in first place ("Der Minister sagte"), after it when
 * an adverbial takes first place ("Am Montag sagte der Minister", "Dabei hat er betont"), or right after the
 * subordinator of a verb-final clause ("wie ein Sprecher mitteilte").
 */
export function clauseSubject(s: Sentence, cueFrom: number, cueTo: number, lang: LanguageTable): SpeakerPhrase | null {
  const v2 = lang.verbSecond!;
  const t = s.tokens;
  const opens = (k: number) => v2.subordinators.has(t[k].lower) && t[k + 1]?.lower !== 'folgt'; // not "wie folgt"
  let c0 = cueFrom;
  while (c0 > 0 && !CLAUSE_BREAK.test(t[c0 - 1].text) && !opens(c0 - 1)) c0--;
  if (c0 > 0 && opens(c0 - 1)) return after(s, skipReflexive(t, c0), lang);
  // A relative clause, verb last: "die Marke, die Schröder zum Ziel erklärt hatte" (its own subject) or
  // "Biermann, der das kritisiert hatte" (the pronoun is the subject: the phrase before the comma).
  if (c0 > 0 && t[c0 - 1].text === ',' && RELATIVE.test(t[c0].lower) && c0 < cueFrom)
    return c0 + 1 < cueFrom && (t[c0 + 1].cap || NP_START.test(t[c0 + 1].lower)) ? after(s, c0 + 1, lang) : nounPhraseBefore(s, c0 - 2, lang);
  // The finite verb: the cue itself, or the auxiliary of its compound tense.
  let f = cueFrom;
  for (let j = cueFrom - 1; j >= c0; j--) if (v2.auxiliaries.has(t[j].lower)) { f = j; break; }
  // "Günther Platter, der Verteidigungsminister, sagte": the subject stands before the apposition, unless the
  // apposition is the name ("Die Sprecherin der Grünen, Anja Hajduk, sagte").
  if (f === c0 && c0 > 0 && t[c0 - 1].text === ',') return apposedName(s, c0 - 1) ?? apposed(s, c0 - 1, lang);
  // "Lammert erwartet eine Entscheidung und gab bekannt, …": the subject of the first verb.
  if (f > c0 && /^(und|aber|sondern|oder)$/.test(t[f - 1].lower) && !v2.adverbials.has(t[c0].lower)) return after(s, c0, lang);
  if (f === c0) return after(s, skipReflexive(t, f === cueFrom ? cueTo : f + 1), lang);
  const first = t[c0];
  // One word in first place with an adjective's or adverb's ending ("Besorgt", "Relativierend"): no subject.
  const modifier = f === c0 + 1 && (/(ig|lich|isch|end|bar|sam|haft|weise|mäßig)$/.test(first.lower) || DEMONSTRATIVE.test(first.lower));
  const adverbial = modifier || v2.adverbials.has(first.lower) || lang.dates.weekdays.has(first.lower) || /^\d/.test(first.text);
  if (adverbial) return after(s, skipReflexive(t, f === cueFrom ? cueTo : f + 1), lang);
  return nounPhraseBefore(s, f - 1, lang);
}

/** A name alone between two commas before the verb: ", Anja Hajduk, kritisierte". */
function apposedName(s: Sentence, comma: number): SpeakerPhrase | null {
  const t = s.tokens;
  let j = comma - 1;
  while (j >= 0 && t[j].word && t[j].cap && comma - j <= 4) j--;
  if (j < 0 || t[j].text !== ',' || comma - j < 3) return null;
  return { sentence: s, from: j + 1, to: comma };
}

/** The subject after the verb, never a prepositional phrase ("sagte zum Abschluss"). */
function after(s: Sentence, from: number, lang: LanguageTable): SpeakerPhrase | null {
  const np = nounPhraseAfter(s, from, lang);
  return np && !lang.verbSecond!.adverbials.has(s.tokens[np.from].lower) ? np : null;
}

/** "Die Feuerwehr hat nach eigenen Angaben …", "Nach eigenen Angaben hat die Feuerwehr …": whose own account. */
export function ownSource(s: Sentence, marker: number, phraseEnd: number, lang: LanguageTable): SpeakerPhrase | null {
  const t = s.tokens;
  if (marker > 0) {
    const np = nounPhraseAfter(s, 0, lang);
    return np && np.to <= marker && !lang.verbSecond!.adverbials.has(t[0].lower) ? np : null;
  }
  return t[phraseEnd]?.word ? after(s, skipReflexive(t, phraseEnd + 1), lang) : null;
}

const CLAUSE_BREAK = /^[,;:()–—-]$/;
const RELATIVE = /^(der|die|das|den|dem|denen|welche|welcher|welches)$/;

function skipReflexive(t: Sentence['tokens'], i: number): number {
  while (i < t.length && /^(sich|dabei|dazu|zudem|auch|jedoch|nun|bereits|am|heute|gestern|noch)$/.test(t[i].lower)) {
    if (t[i].lower === 'am') i++;
    i++;
  }
  return i;
}

/**
 * A separable or phrasal verb is a cue only with its particle: "teilte … mit" at the end of its clause, "hält … für"
 * and "fand, dass" anywhere in it ("+" words). "Das Spiel fand am Montag statt" is no report.
 */
export function separableCue(t: Sentence['tokens'], i: number, particles: ReadonlyMap<string, Cue>): Cue | null {
  let end = i + 1;
  while (end < t.length && !CLAUSE_END.test(t[end].text)) end++;
  const last = end - 1 > i ? t[end - 1].lower : '';
  const atEnd = particles.get(last);
  if (atEnd) return atEnd;
  for (let j = i + 1; j <= Math.min(end, t.length - 1); j++) {
    const word = j === end ? t[j + 1]?.lower : t[j].lower; // after the comma: "fand, dass"
    const cue = word ? particles.get(`+${word}`) : undefined;
    if (cue) return cue;
  }
  return null;
}

const CLAUSE_END = /^[,;:.!?“”()–—]$/;

/**
 * "nach Angaben der Polizei", "nach Polizeiangaben", "nach einer Studie", "seiner Meinung nach": a preposition that
 * marks a source only before or after a noun for what someone said or found. Returns where the source stands.
 */
export function sourceNounMarker(t: Sentence['tokens'], i: number, lang: LanguageTable): 'before' | 'after' | null {
  const sn = lang.sourceNouns;
  if (!sn || !sn.markers.has(t[i].lower)) return null;
  for (let j = i + 1; j < Math.min(t.length, i + 4); j++) {
    if (t[j].cap) return sn.noun.test(t[j].lower) ? 'before' : null;
    if (!t[j].word) return null;
  }
  return i > 0 && t[i - 1].cap && sn.noun.test(t[i - 1].lower) && t[i + 1]?.word ? 'after' : null;
}

/** "Biermann, Vorsitzender des Verbands, sagte angesichts der Lage, …": the subject stands before an apposition; no trailing attribution. */
export function subjectBeforeApposition(s: Sentence, comma: number, cueTo: number, lang: LanguageTable): boolean {
  return !!apposedName(s, comma) || !after(s, skipReflexive(s.tokens, cueTo), lang) && !!apposed(s, comma, lang);
}

/**
 * "Die Firma empfindet die Kritik als ungerechtfertigt: „…“", "Die Polizei sprach von einem „schweren Unfall“": a
 * quotation with no cue of its own belongs to the subject its sentence opens with, when it opens with one.
 */
export function quoteSubject(s: Sentence, quoteOpen: number, lang: LanguageTable): SpeakerPhrase | null {
  const t = s.tokens;
  if (!lang.verbSecond || !t[0].word || lang.verbSecond.adverbials.has(t[0].lower) || lang.functionWords.has(t[0].lower) && !NP_START.test(t[0].lower)) return null;
  const np = nounPhraseAfter(s, 0, lang);
  if (!np || t[np.to - 1].end > quoteOpen || !t.slice(np.from, np.to).some((x) => x.cap && x.word)) return null;
  const next = t[np.to];
  return next && (next.text === ',' || next.text === ':' || next.word && !next.cap) ? np : null;
}

const NP_START = /^(der|die|das|ein|eine|einer|sein|seine|ihr|ihre)$/;

const DEMONSTRATIVE = /^(dies|dieses|das)$/;

/**
 * "Die Partei schließt ein Bündnis aus. Dies bestätigte ihr Vorsitzender am Abend." — what was confirmed is the
 * sentence before; the content of a report whose object is a demonstrative moves there.
 */
export function demonstrativeContent(cand: Candidate, previous: Sentence | undefined, text: string): [number, number] | null {
  const t = cand.sentence.tokens;
  if (!previous || previous.paragraph !== cand.sentence.paragraph || cand.quote || !cand.cue) return null;
  const cueAt = t.findIndex((x) => x.start === cand.cueFrom);
  const first = t.findIndex((x) => x.start >= cand.pieces[0][0]);
  const fronted = cueAt === 1 && DEMONSTRATIVE.test(t[0].lower);
  const object = first > cueAt && DEMONSTRATIVE.test(t[first]?.lower ?? '') && (t[first + 1] ? !t[first + 1].cap : true);
  if (!fronted && !object) return null;
  const start = previous.tokens[0].text === '“' ? previous.tokens[1]?.start ?? previous.start : previous.start;
  return [start, trimPunct(text, start, previous.end)];
}

/**
 * „Ärzte ohne Grenzen“, „Allianz zur Europäischen Integration“: a quotation of capitalised words with few others and
 * no sentence mark names something; it is not something said. (German capitalises nouns, so sentences have lower-case verbs.)
 */
export function quotedName(words: string, lang: LanguageTable): boolean {
  const w = words.match(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu) ?? [];
  if (/[.!?,:;]\s*$/.test(words.trim()) || /[.!?]\s/.test(words)) return false;
  const capitalised = w.filter((x) => /^[\p{Lu}\p{N}]/u.test(x)).length;
  const other = w.filter((x) => !/^[\p{Lu}\p{N}]/u.test(x) && !lang.functionWords.has(x) && !lang.nameConnectors.has(x)).length;
  return capitalised * 2 >= w.length && other * 3 <= w.length;
}
