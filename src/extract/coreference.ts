import type { SpeakerPhrase } from './attribution.js';
import { type Entity, type Registry } from './entities.js';
import type { LanguageTable } from './lang/types.js';
import { initial, matchTitle, type NameMention, textOf } from './mentions.js';

export interface Resolved {
  entity: Entity;
  confidence: number;
}

/**
 * Speakers in article order. Remembers who spoke (and who was named as a sentence's subject) so that "he",
 * "they", "the PTI leader" or "the ousted premier" find the entity they stand for; a phrase it cannot tie to anyone
 * named becomes a group ("cyber experts") unless it is a pronoun, which stays unresolved.
 */
export class Speakers {
  private readonly history: Entity[] = [];
  private lastSentence = -1;

  constructor(
    private readonly registry: Registry,
    private readonly names: Map<number, NameMention[]>,
    private readonly lang: LanguageTable,
  ) {}

  /** A person named first in a sentence is its likely subject: a candidate for a later "he" or "she". */
  noteSentence(index: number): void {
    for (let i = this.lastSentence + 1; i <= index; i++) {
      const first = this.names.get(i)?.[0];
      const e = first && this.registry.entityAt(first.start);
      // An organisation opening an English sentence is a candidate for a later "it"; a person only mentioned is the
      // oldest candidate for "he" or "she", taken when nobody else is at hand.
      if (e && (e.type === 'PERSON' || e.type === 'ORGANISATION' && !this.lang.capitalisedNouns) && first.from <= 2) this.remember(e);
      else if (!this.lang.capitalisedNouns) {
        const person = this.names.get(i)?.map((m) => this.registry.entityAt(m.start)).find((x) => x?.type === 'PERSON');
        if (person && !this.history.includes(person)) this.history.unshift(person);
      }
    }
    this.lastSentence = index;
  }

  remember(e: Entity): void {
    const at = this.history.lastIndexOf(e);
    if (at >= 0) this.history.splice(at, 1);
    this.history.push(e);
  }

  resolve(p: SpeakerPhrase): Resolved | null {
    const r = this.resolvePhrase(p);
    return r?.entity.type === 'TOPIC' ? { entity: this.registry.speakingFor(r.entity), confidence: r.confidence * 0.8 } : r;
  }

  private resolvePhrase(p: SpeakerPhrase): Resolved | null {
    const t = p.sentence.tokens;
    const words = t.slice(p.from, p.to);
    if (words.length === 1) {
      const use = this.lang.pronouns.get(words[0].lower);
      if (use) return this.pronoun(use);
    }
    const inside = (this.names.get(p.sentence.index) ?? []).filter((m) => m.start >= t[p.from].start && m.end <= t[p.to - 1].end);
    // "Ted Cruz of Texas": a name after "of" says where the speaker is from.
    const heads = this.lang.capitalisedNouns ? inside : inside.filter((m, i) => i === 0 || t[m.from - 1]?.lower !== 'of');
    const lastName = heads[heads.length - 1];
    if (lastName) {
      const e = this.registry.entityAt(lastName.start);
      const endsWithName = lastName.to >= p.to || lastName !== inside[inside.length - 1] && inside[inside.length - 1].to >= p.to || /^(be|ist|sei)$/.test(t[lastName.from - 1]?.lower ?? '');
      if (e && (endsWithName || inside.length === p.to - p.from)) return { entity: e, confidence: 0.9 };
    }
    const role = this.role(p, inside);
    if (role) return role;
    if (words.every((w) => this.lang.functionWords.has(w.lower)) && !(words.length === 1 && this.lang.quantifiers?.has(words[0].lower))) return null;
    // A capitalised word opening the sentence that is no name and no noun for people: "Emerged", "Smaller".
    if (words.length === 1 && !inside.length && !this.lang.capitalisedNouns && !this.lang.personNouns.has(words[0].lower) && !this.lang.quantifiers?.has(words[0].lower) && words[0].cap && initial(t, p.from)) {
      const known = this.registry.lookup(words[0].text);
      return known ? { entity: known, confidence: 0.8 } : null;
    }
    const phrase = textOf(t, [p.from, p.to - 1]);
    // A short form of someone named before ("Merkel"), where capitals alone did not make it a name.
    const known = words.every((w) => w.cap) ? this.registry.lookup(phrase) : undefined;
    if (known) return { entity: known, confidence: 0.8 };
    return { entity: this.registry.group(phrase), confidence: 0.6 };
  }

  private pronoun(use: 'male' | 'female' | 'plural' | 'neutral'): Resolved | null {
    for (let i = this.history.length - 1; i >= 0 && i >= this.history.length - 6; i--) {
      const e = this.history[i];
      if (use === 'plural' ? e.type !== 'PERSON' : use === 'neutral' ? e.type === 'ORGANISATION' && e.kind !== 'GROUP' : e.type === 'PERSON' && (!e.gender || e.gender === use))
        return { entity: e, confidence: 0.7 };
    }
    return null;
  }

  /** "the PTI leader", "the ousted premier": a person holding that role, or at that organisation. */
  private role(p: SpeakerPhrase, inside: NameMention[]): Resolved | null {
    const t = p.sentence.tokens;
    let title: string | undefined;
    for (let k = p.from; k < p.to && !title; k++) title = matchTitle(t, k, p.to, this.lang)?.display;
    if (!title) return null;
    const orgs = inside.map((m) => this.registry.entityAt(m.start)).filter((e): e is Entity => !!e && e.type === 'ORGANISATION');
    for (let i = this.history.length - 1; i >= 0; i--) {
      const e = this.history[i];
      if (e.type !== 'PERSON') continue;
      if (orgs.length ? e.roles.some((r) => r.organisation && orgs.includes(r.organisation)) : e.roles.some((r) => r.role === title))
        return { entity: e, confidence: 0.8 };
    }
    for (const e of this.registry.all)
      if (e.type === 'PERSON' && (orgs.length ? e.roles.some((r) => r.organisation && orgs.includes(r.organisation)) : e.roles.some((r) => r.role === title)))
        return { entity: e, confidence: 0.7 };
    // A definite description ("the ousted premier") with nobody named in that role: the one person in view, if only one.
    const people = new Set(this.history.filter((e) => e.type === 'PERSON'));
    if (!orgs.length && /^(the)$/.test(t[p.from].lower) && p.to - p.from <= 3 && people.size === 1) return { entity: [...people][0], confidence: 0.5 };
    return null;
  }
}
