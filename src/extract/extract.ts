import type { ArticleDocument } from '../ingest/document.js';
import { attribute, type Candidate, trimPunct } from './attribution.js';
import { Speakers } from './coreference.js';
import { dayOf } from './dates.js';
import { type Entity, Registry } from './entities.js';
import { contrasted, kindOf } from './kinds.js';
import { tableFor } from './lang/index.js';
import type { LanguageTable } from './lang/types.js';
import { findNames, type NameMention, proseOf } from './mentions.js';
import { normalise, type QuoteSpan } from './normalise.js';
import type { RawArticle } from './raw.js';
import { segment, type Sentence, type Token } from './segment.js';
import type { Extraction, UnattributedStatement } from './types.js';
import { english } from './lang/en.js';
import { findTopics, mentionsTopic } from './topics.js';
import { demonstrativeContent, moodContinuation, quotedName, quoteSubject } from './german.js';
import { colonSubject } from './english.js';

type Statement = ArticleDocument['statements'][number];

/** Quoted fragments shorter than this stay inside their reported sentence (a language table may ask for more). */
const MIN_FRAGMENT_WORDS = 2;

/** How many sentences back reported speech with no cue of its own looks for its speaker. */
const CONTINUATION_REACH = 2;

/** A statement with its speaker resolved, before refs and targets are written. */
interface Found {
  cand: Candidate;
  speaker: Entity | null;
  confidence: number;
  text: string;
  kind: Statement['kind'];
  saidOn: string | null;
  about: Entity[];
  respondsTo?: Found;
  ref?: string;
}

/**
 * From a raw article to the article document ingestion loads: normalise → segment → names → cues and attribution →
 * speakers (coreference) → kinds, dates, targets, replies → document. Pure, synchronous and deterministic.
 */
export function extractArticle(raw: RawArticle): Extraction {
  const language = raw.language ?? 'en';
  const lang = tableFor(language);
  const warnings: string[] = [];
  const { text, quotes } = normalise(raw.body);
  const sentences = segment(text, quotes, lang ?? english);
  const table = lang ?? english;
  const prose = proseOf(text, sentences, table);
  const names = new Map<number, NameMention[]>();
  for (const s of sentences) names.set(s.index, findNames(s, table, prose));
  const registry = new Registry([...names.values()].flat());
  const source = raw.source ? registry.lookup(raw.source) ?? registry.create(raw.source, 'ORGANISATION') : undefined;
  if (source) {
    source.type = 'ORGANISATION';
    source.used = true;
  }

  const topics = lang ? findTopics(raw.title, raw.body, lang).map((t) => registry.lookup(t) ?? registry.create(t.charAt(0).toUpperCase() + t.slice(1), 'TOPIC')) : [];

  const found: Found[] = [];
  const unattributed: UnattributedStatement[] = [];
  if (!lang) warnings.push(`language ${language} has no cue lexicon; the article loads with no statements`);
  else extractStatements(raw, text, quotes, sentences, names, registry, lang, topics, found, unattributed);

  return { document: toDocument(raw, registry, found), unattributed, warnings };
}

function extractStatements(
  raw: RawArticle, text: string, quotes: QuoteSpan[], sentences: Sentence[], names: Map<number, NameMention[]>,
  registry: Registry, lang: LanguageTable, topics: Entity[], found: Found[], unattributed: UnattributedStatement[],
): void {
  const speakers = new Speakers(registry, names, lang);
  const scene = new Map<Entity, string | null>();
  const bySentence: Found[][] = sentences.map(() => []);
  for (const s of sentences) {
    speakers.noteSentence(s.index - 1);
    const cands = attribute(s, text, quotes, lang);
    for (const q of orphanQuotes(s, quotes, cands)) {
      if (lang.verbSecond && quotedName(raw.body.slice(...q.pieces[0]), lang)) continue;
      q.speaker = quoteSubject(s, q.pieces[0][0], lang) ?? (lang.speakerColon ? colonSubject(s, q.pieces[0][0], lang) : null);
      if (q.speaker) q.inherit = null;
      cands.push(q);
    }
    const going = cands.length ? null : moodContinuation(s, text, quotes, lang);
    if (going) cands.push(going);
    if (lang.verbSecond)
      for (const c of cands) {
        const moved = demonstrativeContent(c, sentences[s.index - 1], text);
        if (moved) c.pieces = [moved];
      }
    cands.sort((a, b) => a.pieces[0][0] - b.pieces[0][0]);
    let previous: Found | undefined;
    for (const [c, cand] of cands.entries()) {
      let speaker: Entity | null = null;
      let confidence = 0.3;
      if (cand.speaker) {
        const r = speakers.resolve(cand.speaker);
        if (r) ({ entity: speaker, confidence } = r);
      } else if (cand.inherit === 'sentence' && previous?.speaker) {
        speaker = previous.speaker;
        confidence = previous.confidence * 0.9;
      } else {
        // A quotation after a sentence with no statement whose subject is a person ("Bolton distanced himself … “…”"): theirs.
        const lead = cand.quote && !cand.continuation ? leadingPerson(sentences[s.index - 1], s, bySentence, names, registry) : undefined;
        const before = lead ? { speaker: lead } : nearestBefore(bySentence, s, cand.continuation ? CONTINUATION_REACH : 4);
        if (before?.speaker) {
          speaker = before.speaker;
          confidence = 0.5;
        }
      }
      const contentTokens = s.tokens.filter((t) => cand.pieces.some(([a, b]) => t.start >= a && t.end <= b));
      // The attribution's own words: between the neighbouring statements' contents, outside this one's.
      const from = Math.max(s.start, ...cands.slice(0, c).map((o) => o.pieces[o.pieces.length - 1][1]).filter((e) => e <= cand.pieces[0][0]));
      const to = c + 1 < cands.length ? cands[c + 1].pieces[0][0] : s.end;
      const attributionTokens = s.tokens.filter((t) => t.start >= from && t.end <= to && !cand.pieces.some(([a, b]) => t.start >= a && t.end <= b));
      const pieceText = cand.pieces.map(([a, b]) => raw.body.slice(a, b).trim()).filter(Boolean);
      const stmtText = pieceText.join(' … ').slice(0, 10_000);
      if (!stmtText) continue;
      const kind = kindOf(cand.cue, contentTokens, s.tokens, lang);
      const cueAt = s.tokens.findIndex((t) => t.start === cand.cueFrom);
      const pluperfect = cueAt > 0 && lang.pastPerfect.has(s.tokens[cueAt - 1].lower);
      const saidOn = dateFor(speaker, attributionTokens, pluperfect, raw.publishedAt, lang, scene);
      const about = targets(names.get(s.index) ?? [], cand, registry, speaker);
      for (const topic of topics) if (!about.includes(topic) && mentionsTopic(stmtText, topic.name)) about.push(topic);
      const f: Found = { cand, speaker, confidence, text: stmtText, kind, saidOn, about };
      // “…,” he said. “…” — a quotation going on in the same paragraph continues the quoted statement.
      const last = found[found.length - 1];
      if (cand.continuation && last?.cand.continuation && bySentence[s.index - 1]?.includes(last) && last.speaker === speaker) {
        last.cand.pieces = [[last.cand.pieces[0][0], cand.pieces[cand.pieces.length - 1][1]]];
        last.text = raw.body.slice(...last.cand.pieces[0]).slice(0, 10_000);
        for (const e of about) if (!last.about.includes(e)) last.about.push(e);
        bySentence[s.index].push(last);
        continue;
      }
      // So does one after a trailing attribution of words partly quoted ("Golf clubs are “just scratching by,” he said. “…”").
      const trailing = !!last && last.cand.pieces[0][1] <= last.cand.cueFrom && quotes.some((q) => q.open >= last.cand.pieces[0][0] && q.open < last.cand.pieces[0][1]);
      if (last && !cand.cue && !cand.speaker && cand.quote && (last.cand.quote || trailing) && last.cand.sentence.paragraph === s.paragraph && last.cand.sentence.index >= s.index - 2) {
        last.cand.pieces.push(...cand.pieces);
        last.text = `${last.text} … ${stmtText}`.slice(0, 10_000);
        for (const e of about) if (!last.about.includes(e)) last.about.push(e);
        continue;
      }
      if (!speaker) {
        unattributed.push({
          text: stmtText, kind, quote: cand.quote, start: cand.pieces[0][0], end: cand.pieces[cand.pieces.length - 1][1],
          speakerText: cand.speaker ? textOfTokens(cand.speaker.sentence.tokens.slice(cand.speaker.from, cand.speaker.to)) : null,
          method: cand.method, confidence: 0.2,
        });
        continue;
      }
      speakers.remember(speaker);
      speaker.used = true;
      for (const e of about) e.used = true;
      if (cand.reply) f.respondsTo = (previous?.speaker !== speaker ? previous : undefined) ?? lastOf(bySentence, s.index, 1, speaker);
      else if (kind === 'DENIAL' && contrasted(s.tokens, lang)) f.respondsTo = lastOf(bySentence, s.index, 2, speaker);
      found.push(f);
      bySentence[s.index].push(f);
      previous = f;
      // He would “play to it”: the quoted words are a direct quotation of their own; the sentence is reported speech.
      if (cand.method === 'MIXED_QUOTE') {
        cand.quote = false;
        for (const q of quotes) {
          if (q.innerStart < cand.pieces[0][0] || q.innerEnd > cand.pieces[cand.pieces.length - 1][1] || q.innerEnd - q.innerStart < 3) continue;
          if (raw.body[q.open] === '‘' || raw.body[q.open] === "'") continue;
          // A quotation inside a statement nested in this one ("that … Imran had said that he would “…”") is the inner speaker's.
          const inner = cands.some((o) => o !== cand && o.pieces[0][0] > cand.pieces[0][0] && o.pieces[0][0] <= q.innerStart && o.pieces[o.pieces.length - 1][1] >= q.innerEnd);
          if (inner) continue;
          const piece: [number, number] = [q.innerStart, trimPunct(text, q.innerStart, q.innerEnd)];
          const words = raw.body.slice(piece[0], piece[1]).trim();
          if (!words || words.split(/\s+/).length < (lang.minQuotedFragmentWords ?? MIN_FRAGMENT_WORDS)) continue;
          if (lang.verbSecond && quotedName(words, lang)) continue;
          if (lang.quotedPredicateAfter && !ownWords(s, q, stmtText, words, lang.quotedPredicateAfter)) continue;
          const fragment: Found = { ...f, cand: { ...cand, pieces: [piece], quote: true }, text: words, about: about.filter((e) => mentionsTopic(words, e.name)) };
          found.push(fragment);
        }
      }
    }
  }
}

/**
 * A quotation inside reported speech that stands as the speaker's own words: half the statement or more, or a
 * predicate after a copula or modal ("it is “a good thing”"); not a label inside the clause ("called it a “sloppy
 * campaign” in March").
 */
function ownWords(s: Sentence, q: QuoteSpan, statement: string, words: string, predicateAfter: ReadonlySet<string>): boolean {
  const count = (x: string) => x.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  if (count(words) * 2 >= count(statement)) return true;
  // A short quoted ending is not enough on its own: measured on English news, it matched an attribution one time in
  // five ("said he would see “the whole thing through”" is one statement, not two).
  const before = s.tokens.filter((t) => t.end <= q.open).pop();
  return !!before && predicateAfter.has(before.lower);
}

/** Quotations of four words or more that no cue in their sentence claims: the paragraph's speaker said them. */
function orphanQuotes(s: Sentence, quotes: QuoteSpan[], cands: Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  for (const q of quotes) {
    if (q.open < s.start || q.open >= s.end || s.tokens.find((t) => t.start === q.open)?.text !== '“') continue;
    if (cands.some((c) => c.pieces.some(([a, b]) => a < q.innerEnd && b > q.innerStart))) continue;
    const words = s.tokens.filter((t) => t.word && t.start >= q.innerStart && t.end <= q.innerEnd).length;
    if (words < 4) continue;
    const first = s.tokens.findIndex((t) => t.start >= q.open);
    out.push({
      sentence: s, speaker: null, inherit: 'paragraph', pieces: [[q.innerStart, trimEnd(s, q.innerEnd)]], cue: null,
      cueFrom: s.tokens[first]?.start ?? s.start, cueTo: s.tokens[first]?.end ?? s.start, method: 'DIRECT_QUOTE', quote: true, reply: false,
    });
  }
  return out;
}

function trimEnd(s: Sentence, end: number): number {
  const last = [...s.tokens].reverse().find((t) => t.end <= end && t.word);
  return last ? last.end : end;
}

/** The person opening the sentence before `s`, when it is in the same or the previous paragraph and says nothing itself. */
function leadingPerson(prev: Sentence | undefined, s: Sentence, bySentence: Found[][], names: Map<number, NameMention[]>, registry: Registry): Entity | undefined {
  if (!prev || prev.paragraph < s.paragraph - 1 || bySentence[prev.index].length) return undefined;
  const first = names.get(prev.index)?.[0];
  const e = first && first.from <= 2 ? registry.entityAt(first.start) : undefined;
  return e?.type === 'PERSON' ? e : undefined;
}

/** The last statement in this or the previous paragraph, for a quotation with no cue of its own. */
function nearestBefore(bySentence: Found[][], s: Sentence, back: number): Found | undefined {
  for (let i = s.index; i >= 0 && i >= s.index - back; i--) {
    const list = bySentence[i];
    if (list.length) {
      const f = list[list.length - 1];
      if (f.cand.sentence.paragraph >= s.paragraph - 1) return f;
    }
  }
  return undefined;
}

/** The latest statement of another speaker within `back` sentences before sentence `index`. */
function lastOf(bySentence: Found[][], index: number, back: number, not: Entity): Found | undefined {
  for (let i = index; i >= 0 && i >= index - back; i--)
    for (let j = bySentence[i].length - 1; j >= 0; j--) if (bySentence[i][j].speaker !== not) return bySentence[i][j];
  return undefined;
}

/**
 * A statement's day: a date in its attribution; otherwise the day of the scene its speaker was last dated in (the
 * rest of a press talk is of the same day), unless its attribution places it elsewhere ("in the audio clip", "had
 * said"), which gives null.
 */
function dateFor(speaker: Entity | null, attribution: Token[], pluperfect: boolean, publishedAt: string, lang: LanguageTable, scene: Map<Entity, string | null>): string | null {
  const own = dayOf(attribution, publishedAt, lang);
  if (own) {
    if (speaker) scene.set(speaker, own);
    return own;
  }
  const elsewhere = attribution.some((t) => lang.sceneBreaks.has(t.lower)) || pluperfect;
  if (elsewhere || !speaker) return null;
  return scene.get(speaker) ?? null;
}

function targets(names: NameMention[], cand: Candidate, registry: Registry, speaker: Entity | null): Entity[] {
  const out: Entity[] = [];
  for (const m of names) {
    if (!cand.pieces.some(([a, b]) => m.start >= a && m.end <= b)) continue;
    const e = registry.entityAt(m.start);
    if (e && e !== speaker && !out.includes(e)) out.push(e);
  }
  return out.slice(0, 50);
}

function textOfTokens(t: Token[]): string {
  return t.map((x, k) => (k > 0 && x.start > t[k - 1].end ? ' ' : '') + x.text).join('');
}

function toDocument(raw: RawArticle, registry: Registry, found: Found[]): ArticleDocument {
  found.forEach((f, i) => (f.ref = `s${i + 1}`));
  // Whatever a statement names stays, including targets a continued quotation brought in after its start.
  for (const f of found) for (const e of [f.speaker!, ...f.about]) e.used = true;
  const kept = registry.all.filter((e) => e.used || e.type === 'PERSON' || e.roles.length > 0);
  for (const e of kept) for (const r of e.roles) if (r.organisation) r.organisation.used = true;
  const entities = registry.all.filter((e) => e.used || e.type === 'PERSON' || e.roles.length > 0);
  const affiliations: ArticleDocument['affiliations'] = [];
  for (const e of entities)
    for (const r of e.roles)
      if (r.organisation && e.type === 'PERSON' && r.organisation.type === 'ORGANISATION')
        affiliations.push({ person: e.ref, organisation: r.organisation.ref, role: r.role });
  return {
    title: raw.title,
    publishedAt: raw.publishedAt,
    ...(raw.source ? { source: raw.source } : {}),
    ...(raw.url ? { url: raw.url } : {}),
    ...(raw.language ? { language: raw.language } : {}),
    authors: raw.authors,
    body: raw.body,
    entities: entities.map((e) => ({
      ref: e.ref,
      type: e.type,
      name: e.name,
      aliases: [...e.aliases].filter((a) => a !== e.name).slice(0, 50),
      ...(e.kind ? { kind: e.kind } : {}),
      ...(e.description ?? roleDescription(e) ? { description: (e.description ?? roleDescription(e))! } : {}),
    })),
    affiliations,
    statements: found.map((f) => ({
      ref: f.ref,
      speaker: f.speaker!.ref,
      text: f.text,
      kind: f.kind,
      quote: f.cand.quote,
      saidOn: f.saidOn,
      about: f.about.map((e) => e.ref),
      ...(f.respondsTo?.ref ? { respondsTo: f.respondsTo.ref } : {}),
      evidence: { start: f.cand.pieces[0][0], end: f.cand.pieces[f.cand.pieces.length - 1][1], method: f.cand.method, confidence: round(f.confidence) },
    })),
    mentions: entities.map((e) => e.ref),
  };
}

/** A title with no organisation named ("Prime Minister Shehbaz Sharif") describes the person. */
function roleDescription(e: Entity): string | undefined {
  const r = e.roles.find((x) => !x.organisation);
  return r?.role;
}

function round(x: number): number {
  return Math.round(Math.min(1, Math.max(0, x)) * 100) / 100;
}
