import type { LanguageTable } from './lang/types.js';
import { isPlace } from './places.js';
import type { Sentence, Token } from './segment.js';

export type EntityType = 'PERSON' | 'ORGANISATION';

/** A proper name as written in one sentence, with what the words around it say about it. */
export interface NameMention {
  /** The name without titles, honorifics or a possessive 's: "Shehbaz Sharif". */
  name: string;
  start: number;
  end: number;
  sentence: Sentence;
  /** Token range in the sentence. */
  from: number;
  to: number;
  type: EntityType | null;
  /** A title written before the name ("Prime Minister", "Director"), display form. */
  title?: string;
  gender?: 'male' | 'female';
  /** "(PTI)" after the name. */
  acronym?: string;
  /** Organisations the title belongs to ("PTI chief Imran Khan", "Director <centre> <university> Kokab Zuberi"). */
  organisations: NameMention[];
  /** A role phrase naming no organisation ("his principal secretary at the time"). */
  description?: string;
  /** The name ends like a law's, an event's or a place's ("Voting Rights Act"): no person unless a title or role says so. */
  thing?: boolean;
}

const POSSESSIVE = /'s?$/;

/** What the article's prose (its sentences but title-case headlines) writes. */
export interface Prose {
  /** Indexes of the sentences that are title-case headlines. */
  headlines: ReadonlySet<number>;
  /** Whether a word is written capitalised mid-sentence. */
  capitalised(word: string): boolean;
  /** Whether a phrase is written as it stands. */
  has(phrase: string): boolean;
}

export function proseOf(text: string, sentences: readonly Sentence[], lang: LanguageTable): Prose {
  const lower = new Set<string>();
  for (const s of sentences) for (const x of s.tokens) if (x.word && !x.cap) lower.add(x.lower);
  const headlines = new Set(sentences.filter((s) => titleCased(s, lang, lower)).map((s) => s.index));
  const prose = sentences.filter((s) => !headlines.has(s.index));
  const capitalised = new Set<string>();
  for (const s of prose) for (let i = 1; i < s.tokens.length; i++) if (s.tokens[i].cap && !initial(s.tokens, i)) capitalised.add(bare(s.tokens[i].text));
  const all = prose.map((s) => text.slice(s.start, s.end)).join('\n');
  return { headlines, capitalised: (w) => capitalised.has(w), has: (phrase) => all.includes(phrase) };
}

/** The proper names of a sentence. */
export function findNames(s: Sentence, lang: LanguageTable, prose: Prose): NameMention[] {
  const t = s.tokens;
  const capitalisedElsewhere = (w: string) => prose.capitalised(w);
  // In a title-case headline every word is capitalised: names there are the capitalised words and phrases of the
  // article's prose ("Benghazi" and "Security", not "Benghazi Security").
  const headline = prose.headlines.has(s.index);
  const named = (x: Token | undefined) =>
    !!x && x.cap && x.word && !runTogether(x.text) && (!headline || (capitalisedElsewhere(bare(x.text)) && !lang.functionWords.has(x.lower)) || isAcronym(x.text));
  const out: NameMention[] = [];
  let i = 0;
  while (i < t.length) {
    if (!named(t[i]) || !startsName(t, i, lang, capitalisedElsewhere)) {
      i++;
      continue;
    }
    let j = i + 1;
    for (; j < t.length; j++) {
      const prev = t[j - 1];
      if (POSSESSIVE.test(prev.text) && prev.text.length > 2 && !(t[j]?.cap && organisationFollows(t, j, lang))) break;
      const tok = t[j];
      if (headline) {
        if (named(tok) && prose.has(textOf(t, [i, j]))) continue;
        break;
      }
      // "… enter the U.S. The proposal": the full stop of an abbreviation also ended the sentence.
      if (prev.text === '.' && tok.cap && lang.notInNames?.has(tok.lower)) break;
      // "in New Hampshire Monday": a weekday ends a name.
      if (named(tok) && !(lang.dates.weekdays.has(tok.lower) && lang.functionWords.has(tok.lower))) continue;
      if (tok.text === '.' && (lang.abbreviations.has(prev.lower) || /^\p{Lu}$/u.test(prev.text)) && t[j + 1]?.cap) continue;
      if (lang.nameConnectors.has(tok.lower) && !tok.cap && named(t[j + 1]) && !lang.functionWords.has(t[j + 1].lower) && !personOfPlace(t, i, j, lang) && !twoNames(t, i, j, lang))
        continue;
      break;
    }
    for (const m of splitRun(s, i, j, lang, capitalisedElsewhere)) out.push(m);
    i = acronymAfter(t, j) ? j + 3 : j;
  }
  linkRoles(s, out, lang);
  return out;
}

/**
 * A headline in title case ("Hillary Clinton Gives Emotional Shoutout To Daughter"): every longer word capitalised,
 * several of them ordinary words the article writes in lower case elsewhere, or two short function words capitalised
 * inside it ("A", "To"). Lists of names ("Reps. Luis V. Gutierrez (D-Ill.), Zoe Lofgren …") have neither. Not where
 * every noun is capitalised anyway.
 */
function titleCased(s: Sentence, lang: LanguageTable, lower: ReadonlySet<string>): boolean {
  if (lang.capitalisedNouns) return false;
  let words = 0;
  let ordinary = 0;
  let commas = 0;
  let small = 0;
  for (const [i, x] of s.tokens.entries()) {
    if (x.text === ',') commas++;
    if (!x.word) continue;
    // "… Dropped A Powerful Response To Trump": short function words capitalised inside the sentence.
    if (i > 0 && x.cap && x.text.length <= 3 && lang.functionWords.has(x.lower) && x.lower !== 'i') small++;
    if (x.text.length < 4 || lang.functionWords.has(x.lower) || /\d/.test(x.text)) continue;
    if (!x.cap) return false;
    words++;
    if (lower.has(bare(x.lower))) ordinary++;
  }
  return words >= 4 && (ordinary >= 2 || small >= 2) && commas <= 2;
}

/**
 * "Barack Obama and Vice President Joe Biden": "and" between two names, where it joins no organisation's name
 * ("Department of Health and Human Services", "Bill and Melinda Gates Foundation").
 */
function twoNames(t: Token[], from: number, at: number, lang: LanguageTable): boolean {
  if (t[at].lower !== 'and' && t[at].text !== '&') return false;
  return !t.slice(from, at).some((x) => lang.organisationHeads.has(bare(x.lower))) && !organisationFollows(t, at + 1, lang);
}

/** "Ted Cruz of Texas", "Gov. John Kasich of Ohio": a person's name and where they are from, not one name. */
function personOfPlace(t: Token[], from: number, at: number, lang: LanguageTable): boolean {
  if (t[at].lower !== 'of' || lang.capitalisedNouns) return false;
  const left = t.slice(from, at).filter((x) => x.word && !lang.titles.has(x.lower) && !lang.honorifics.has(x.lower));
  if (left.length < 2 || left.some((x) => lang.organisationHeads.has(bare(x.lower)) || lang.functionWords.has(x.lower))) return false;
  for (let k = at + 1; k < t.length && k < at + 5 && t[k].cap; k++) if (lang.organisationHeads.has(bare(t[k].lower))) return false;
  return true;
}

function startsName(t: Token[], i: number, lang: LanguageTable, capitalisedElsewhere: (w: string) => boolean): boolean {
  const tok = t[i];
  if (!tok.cap || !tok.word) return false;
  // "der Minister", "die Regierung": after an article a capitalised word is a noun.
  if (lang.capitalisedNouns && i > 0 && lang.functionWords.has(t[i - 1].lower) && !lang.titles.has(tok.lower)) return false;
  // "Despite Trump", "Following Sanders": a sentence's first word, capitalised for that alone.
  if (initial(t, i) && (lang.openers?.has(tok.lower) || participle(tok, lang) && !capitalisedElsewhere(bare(tok.text)) && !isPlace(tok.text))) return false;
  if (lang.functionWords.has(tok.lower) && !lang.honorifics.has(tok.lower)) {
    if (!t[i + 1]?.cap) return false;
    // "The Express Tribune", "The New York Times": the article belongs to an organisation's name.
    if (tok.lower === 'the') return organisationFollows(t, i + 1, lang);
    // "New Hampshire", "New York Times".
    return tok.lower === 'new' && (organisationFollows(t, i + 1, lang) || isPlace(`${tok.text} ${t[i + 1].text}`));
  }
  return true;
}

function participle(tok: Token, lang: LanguageTable): boolean {
  return !!lang.participleEnding && tok.lower.length > lang.participleEnding.length + 2 && tok.lower.endsWith(lang.participleEnding);
}

function organisationFollows(t: Token[], i: number, lang: LanguageTable): boolean {
  for (let k = i; k < Math.min(t.length, i + 5) && (t[k].cap || lang.nameConnectors.has(t[k].lower)); k++)
    if (lang.organisationHeads.has(bare(t[k].lower))) return true;
  return false;
}

/** Cuts a run of capitalised words into titles, organisation names and a person's name. */
function splitRun(s: Sentence, from: number, to: number, lang: LanguageTable, capitalisedElsewhere: (w: string) => boolean): NameMention[] {
  const t = s.tokens;
  const first = lead(t, from, to, lang);
  const { at: i, gender } = first;
  let title = first.title;
  const parts: NameMention[] = [];
  let start = i;
  for (let k = i; k < to; k++) {
    const head = lang.organisationHeads.has(bare(t[k].lower)) && t[k].cap;
    const more = k + 1 < to && t[k + 1].cap && !lang.nameConnectors.has(t[k + 1].lower);
    if (head && more && !(k + 1 < to && lang.organisationHeads.has(bare(t[k + 1].lower)))) {
      parts.push(mention(s, start, k + 1, lang));
      start = k + 1;
    }
  }
  // "Senate Foreign Relations Committee Chairman Bob Corker": the organisation's title before the name.
  const inner = start > i && !title && !gender ? lead(t, start, to, lang) : null;
  if (inner?.title) {
    title = inner.title;
    start = inner.at;
  }
  // "New Hampshire Sanders", "in New York Trump said": a place of two words or more before a name is no part of it.
  if (!title && !gender && !lang.capitalisedNouns) {
    for (let n = 3; n >= 2; n--)
      if (start + n < to && !parts.length && isPlace(textOf(t, [start, start + n - 1])) && !lang.nameConnectors.has(t[start + n].lower) &&
        !namesThing(t, start + n, to, lang)) {
        parts.push(mention(s, start, start + n, lang));
        start += n;
        break;
      }
  }
  while (start < to && !t[start].cap) start++;
  if (start < to) parts.push(mention(s, start, to, lang));
  const last = parts[parts.length - 1];
  if (!last) return [];
  if (title || gender) {
    if (last.type === null) last.type = 'PERSON';
    if (last.type === 'PERSON') {
      last.title = title;
      last.gender = gender;
      last.organisations.push(...parts.slice(0, -1).filter((p) => p.type === 'ORGANISATION'));
    }
  }
  const acr = acronymAfter(t, to);
  if (acr) last.acronym = acr;
  // A capitalised word opening a sentence is an ordinary word unless the article capitalises it elsewhere too.
  // Where every noun is capitalised, one capitalised word is a name only with a title ("Präsident Bush").
  if (lang.capitalisedNouns && !title && !gender) return parts.filter((p) => p.to - p.from > 1 || isAcronym(t[p.from].text));
  return parts.filter((p) => !(initial(t, p.from) && p.to - p.from === 1 && !title && !gender && !capitalisedElsewhere(bare(t[p.from].text)) && !isAcronym(t[p.from].text)));
}

/** Honorifics, titles and descriptors before a name ("Mr.", "Democratic Sen.", "Chairman and CEO"), and where the name starts. */
function lead(t: Token[], i: number, to: number, lang: LanguageTable): { at: number; title?: string; gender?: 'male' | 'female' } {
  let title: string | undefined;
  let gender: 'male' | 'female' | undefined;
  for (;;) {
    while (i < to && t[i].text === '.') i++;
    // "the Governor of Arkansas": a title and its office, and no name.
    if (i >= to) break;
    const h = lang.honorifics.get(t[i].lower);
    if (h && i + 1 < to) {
      if (h !== 'neutral') gender = h;
      i++;
      continue;
    }
    const tl = matchTitle(t, i, to, lang);
    if (tl && tl.end < to) {
      title = tl.display;
      i = tl.end;
      // "Chairman and CEO Roger Ailes", "Vice President and Washington Managing Editor Bill Sammon".
      for (let k = i + 1; t[i]?.lower === 'and' && k < i + 5 && k < to; k++) {
        const more = matchTitle(t, k, to, lang);
        if (more && more.end < to) {
          title = `${title} and ${textOf(t, [i + 1, more.end - 1])}`;
          i = more.end;
        }
      }
      // "Secretary of Defense Leon Panetta", "Governor of Arkansas": the title's office, then the name (its last two words).
      if ((t[i]?.lower === 'of' || t[i]?.lower === 'for') && !t[i].cap && !lang.capitalisedNouns) {
        const name = to - i > 3 ? nameTail(t, i + 1, to) : to;
        title = `${title} ${textOf(t, [i, name - 1])}`;
        i = name;
      }
      continue;
    }
    const skip = described(t, i, to, lang);
    if (skip) {
      i += skip;
      continue;
    }
    // German "Sprecher der Stadt", "Bürgermeister von Freising Dieter Thalhammer": the title's place or body, then maybe a name.
    if (lang.capitalisedNouns && title && i + 1 < to && lang.nameConnectors.has(t[i].lower) && !t[i].cap) {
      i += 2;
      continue;
    }
    break;
  }
  while (i < to && t[i].text === '.') i++;
  return { at: i, title, gender };
}

/** Where the last two words of a run start, with an initial between them ("Leon E. Panetta"). */
function nameTail(t: Token[], from: number, to: number): number {
  let k = to - 2;
  while (k > from && (t[k].text === '.' || /^\p{Lu}$/u.test(t[k].text))) k--;
  return Math.max(from, k);
}

/**
 * How many words at `i` describe the person named after them without naming them: "Democrat" in "Democrat Hillary
 * Clinton", "Florida" in "Florida Sen. Marco Rubio". Not the first word of an organisation's name ("Republican
 * National Committee").
 */
function described(t: Token[], i: number, to: number, lang: LanguageTable): number {
  if (lang.descriptors?.has(t[i].lower) && i + 1 < to && !namesThing(t, i + 1, to, lang)) return 1;
  for (let n = 1; n <= 2 && i + n < to; n++) {
    const tl = isPlace(textOf(t, [i, i + n - 1])) ? matchTitle(t, i + n, to, lang) : null;
    if (tl && tl.end < to) return n;
  }
  return 0;
}

/** Words [from, to) hold an organisation's or a thing's head word: they name no person. */
function namesThing(t: Token[], from: number, to: number, lang: LanguageTable): boolean {
  return t.slice(from, to).some((x) => lang.organisationHeads.has(bare(x.lower)) || lang.thingHeads?.has(bare(x.lower)));
}

/** The first word of a sentence or of a quotation, capitalised whatever it is. */
export function initial(t: Token[], i: number): boolean {
  return i === 0 || /^[“‘"'.!?:(]$/.test(t[i - 1].text);
}

function mention(s: Sentence, from: number, to: number, lang: LanguageTable): NameMention {
  const t = s.tokens;
  let end = t[to - 1].end;
  let name = s.tokens.slice(from, to).map((x, k, a) => (k > 0 && x.start > a[k - 1].end ? ' ' : '') + x.text).join('');
  const pos = name.match(/'s?$/);
  if (pos) {
    name = name.slice(0, -pos[0].length);
    end -= pos[0].length;
  }
  const lowers = t.slice(from, to).map((x) => bare(x.lower));
  const type: EntityType | null = lowers.some((w) => lang.organisationHeads.has(w)) || (to - from === 1 && isAcronym(t[from].text)) ? 'ORGANISATION' : null;
  const thing = lang.thingHeads?.has(lowers[lowers.length - 1]) || undefined;
  return { name, start: t[from].start, end, sentence: s, from, to, type, thing, organisations: [] };
}

export function matchTitle(t: Token[], i: number, to: number, lang: LanguageTable): { display: string; end: number } | null {
  for (let n = Math.min(4, to - i); n >= 1; n--) {
    const key = t.slice(i, i + n).map((x) => x.lower).join(' ');
    const display = lang.titles.get(key);
    if (display) return { display, end: i + n };
  }
  return null;
}

function acronymAfter(t: Token[], i: number): string | undefined {
  if (t[i]?.text === '(' && t[i + 2]?.text === ')' && isAcronym(t[i + 1].text)) return t[i + 1].text;
  return undefined;
}

export function isAcronym(w: string): boolean {
  return /^\p{Lu}[\p{Lu}\d&.-]{1,7}$/u.test(w) && /\p{Lu}.*\p{Lu}/u.test(w);
}

/**
 * Words a page's scrape ran together with its buttons and captions ("BassettFlagShareLikeReplyPaige"): three
 * capitalised parts or more in one word, where a name or a brand has two at most ("McDonald", "HarperCollins").
 */
const runTogether = (w: string) => (w.match(/\p{Ll}\p{Lu}/gu)?.length ?? 0) >= 2;

export function bare(w: string): string {
  return w.replace(/'s?$/, '');
}

/**
 * Roles around names: "<organisation> (<acronym>) chief <name>" makes the name a person with a role there;
 * "<name>, a spokesman for <organisation>," and "his principal secretary at the time, <name>" are appositions.
 */
function linkRoles(s: Sentence, names: NameMention[], lang: LanguageTable): void {
  const t = s.tokens;
  for (let n = 0; n < names.length; n++) {
    const m = names[n];
    // "the mayor of Oakland, California,": a place after a role qualifies it, and holds none.
    if (m.type === 'ORGANISATION' || (m.type === null && isPlace(m.name))) continue;
    const prev = names[n - 1];
    // "<Org> (<ACR>) chief <Name>": lower-case title words between an organisation and a name.
    let k = m.from - 1;
    while (k >= 0 && !t[k].cap && t[k].word && k > m.from - 4) k--;
    const between = t.slice(k + 1, m.from);
    const tl = between.length ? matchTitle(t, k + 1, m.from, lang) : null;
    if (prev && tl && tl.end === m.from) {
      const orgEnd = prev.acronym ? prev.to + 3 : prev.to;
      if (orgEnd === k + 1 && (prev.type === 'ORGANISATION' || prev.acronym)) {
        prev.type = 'ORGANISATION';
        m.type = 'PERSON';
        m.title ??= tl.display;
        m.organisations.push(prev);
        continue;
      }
    }
    if (t[m.to]?.text === ',' || t[m.to]?.text === '(' || (m.acronym && t[m.to + 3]?.text === ',')) {
      const phrase = clause(t, m.to + 1, 1, lang);
      const role = roleIn(t, phrase, lang);
      if (role) {
        m.type ??= 'PERSON';
        m.title ??= role;
        const orgs = names.filter((o) => o !== m && o.from >= phrase[0] && o.to <= phrase[1] + 1 && o.type === 'ORGANISATION');
        if (orgs.length) m.organisations.push(...orgs);
        else m.description ??= textOf(t, phrase);
        continue;
      }
    }
    if (t[m.from - 1]?.text === ',') {
      const phrase = clause(t, m.from - 2, -1, lang);
      const role = roleIn(t, phrase, lang);
      if (role && /^(his|her|their|the|a|an|its|our|my|\p{Lu})/u.test(t[phrase[0]].text)) {
        m.type ??= 'PERSON';
        m.title ??= role;
        const orgs = names.filter((o) => o !== m && o.from >= phrase[0] && o.to <= phrase[1] + 1 && o.type === 'ORGANISATION');
        if (orgs.length) m.organisations.push(...orgs);
        else m.description ??= ownedBy(textOf(t, phrase), names.slice(0, n).reverse().find((o) => o.type !== 'ORGANISATION'));
      }
    }
  }
}

/** Token range [a, b] of the phrase from `i` in direction `dir`, up to a comma, dash, bracket or conjunction. */
function clause(t: Token[], i: number, dir: 1 | -1, lang: LanguageTable): [number, number] {
  let k = i;
  let steps = 0;
  while (k >= 0 && k < t.length && steps < 14) {
    const x = t[k];
    if (!x.word && x.text !== "'" && x.text !== '.') break;
    if (dir === -1 && (x.lower === 'and' || x.lower === 'with' || lang.clauseWords.has(x.lower) && x.lower !== 'of')) break;
    k += dir;
    steps++;
  }
  const a = dir === 1 ? i : k + 1;
  const b = dir === 1 ? k - 1 : i;
  return [a, Math.max(a, b)];
}

function roleIn(t: Token[], [a, b]: [number, number], lang: LanguageTable): string | undefined {
  if (b - a > 12 || a > b) return undefined;
  for (let k = a; k <= b; k++) {
    const tl = matchTitle(t, k, b + 1, lang);
    if (tl) return tl.display;
  }
  return undefined;
}

/** "his principal secretary at the time" said of Imran Khan: "Imran Khan's principal secretary at the time". */
function ownedBy(phrase: string, owner: NameMention | undefined): string {
  return owner ? phrase.replace(/^(his|her|their)\s/i, `${owner.name}'s `) : phrase;
}

export function textOf(t: Token[], [a, b]: [number, number]): string {
  return t.slice(a, b + 1).map((x, k, arr) => (k > 0 && x.start > arr[k - 1].end ? ' ' : '') + x.text).join('');
}
