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
}

const POSSESSIVE = /'s?$/;

/** The proper names of a sentence. `capitalisedElsewhere` tells whether a word is written capitalised mid-sentence somewhere in the article. */
export function findNames(s: Sentence, lang: LanguageTable, capitalisedElsewhere: (w: string) => boolean): NameMention[] {
  const t = s.tokens;
  const out: NameMention[] = [];
  let i = 0;
  while (i < t.length) {
    if (!startsName(t, i, lang)) {
      i++;
      continue;
    }
    let j = i + 1;
    for (; j < t.length; j++) {
      const prev = t[j - 1];
      if (POSSESSIVE.test(prev.text) && prev.text.length > 2 && !(t[j]?.cap && organisationFollows(t, j, lang))) break;
      const tok = t[j];
      if (tok.cap && tok.word) continue;
      if (tok.text === '.' && (lang.abbreviations.has(prev.lower) || /^\p{Lu}$/u.test(prev.text)) && t[j + 1]?.cap) continue;
      if (lang.nameConnectors.has(tok.lower) && !tok.cap && t[j + 1]?.cap && t[j + 1].word && !lang.functionWords.has(t[j + 1].lower) && !personOfPlace(t, i, j, lang) && !twoNames(t, i, j, lang))
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

function startsName(t: Token[], i: number, lang: LanguageTable): boolean {
  const tok = t[i];
  if (!tok.cap || !tok.word) return false;
  // "der Minister", "die Regierung": after an article a capitalised word is a noun.
  if (lang.capitalisedNouns && i > 0 && lang.functionWords.has(t[i - 1].lower) && !lang.titles.has(tok.lower)) return false;
  if (lang.functionWords.has(tok.lower) && !lang.honorifics.has(tok.lower)) {
    // "The Express Tribune", "The New York Times": the article belongs to an organisation's name.
    return tok.lower === 'the' && !!t[i + 1]?.cap && organisationFollows(t, i + 1, lang);
  }
  return true;
}

function organisationFollows(t: Token[], i: number, lang: LanguageTable): boolean {
  for (let k = i; k < Math.min(t.length, i + 5) && (t[k].cap || lang.nameConnectors.has(t[k].lower)); k++)
    if (lang.organisationHeads.has(bare(t[k].lower))) return true;
  return false;
}

/** Cuts a run of capitalised words into titles, organisation names and a person's name. */
function splitRun(s: Sentence, from: number, to: number, lang: LanguageTable, capitalisedElsewhere: (w: string) => boolean): NameMention[] {
  const t = s.tokens;
  let title: string | undefined;
  let gender: 'male' | 'female' | undefined;
  let i = from;
  for (;;) {
    while (i < to && t[i].text === '.') i++;
    const h = lang.honorifics.get(t[i]?.lower ?? '');
    if (h && i + 1 < to) {
      if (h !== 'neutral') gender = h;
      i++;
      continue;
    }
    const tl = matchTitle(t, i, to, lang);
    if (tl && tl.end < to) {
      title = tl.display;
      i = tl.end;
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
  return { name, start: t[from].start, end, sentence: s, from, to, type, organisations: [] };
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
