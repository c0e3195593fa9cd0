import type { EntityType, NameMention } from './mentions.js';
import { isPlace } from './places.js';

/** An entity of one article, built from its name mentions; refs are slugs of the name. */
export interface Entity {
  ref: string;
  type: EntityType | 'TOPIC';
  name: string;
  aliases: Set<string>;
  kind?: string;
  description?: string;
  gender?: 'male' | 'female';
  /** Roles from titles and appositions: organisation entity (if named) and role. */
  roles: { organisation: Entity | null; role: string }[];
  /** Whether this entity speaks, is spoken about or is otherwise worth keeping. */
  used: boolean;
}

/**
 * The article's entities. Full names come first; a short form ("Imran", "Zuberi", "PM Shehbaz") joins the full name
 * it is part of (the one named last before it, else the first), so it becomes an alias rather than a new entity.
 */
export class Registry {
  readonly all: Entity[] = [];
  private readonly byKey = new Map<string, Entity>();
  private readonly refs = new Set<string>();
  /** Entity of each mention, by its start offset. */
  private readonly atOffset = new Map<number, Entity>();

  constructor(mentions: NameMention[]) {
    const longFirst = [...mentions].sort((a, b) => words(b.name).length - words(a.name).length || a.start - b.start);
    for (const m of longFirst) {
      const entity = this.lookup(m.name, m.start) ?? this.create(m.name, m.type ?? (m.thing ? 'ORGANISATION' : guessType(m.name)));
      if (m.type && entity.type !== m.type && entity.type !== 'TOPIC' && words(entity.name).length === words(m.name).length) entity.type = m.type;
      if (m.name !== entity.name) entity.aliases.add(m.name);
      if (m.acronym) {
        entity.aliases.add(m.acronym);
        this.byKey.set(key(m.acronym), entity);
      }
      if (m.gender) entity.gender = m.gender;
      this.atOffset.set(m.start, entity);
    }
    // Roles need every entity in place first.
    for (const m of mentions) {
      const e = this.atOffset.get(m.start)!;
      if (m.title && e.type === 'PERSON') {
        const orgs = m.organisations.map((o) => this.atOffset.get(o.start)).filter((o): o is Entity => !!o && o.type === 'ORGANISATION');
        if (orgs.length) for (const o of orgs) addRole(e, o, m.title);
        else addRole(e, null, m.title);
        for (const o of m.organisations) {
          const org = this.atOffset.get(o.start);
          if (org) for (const a of [org.name, ...org.aliases]) if (words(a).length <= 2) e.aliases.add(`${a} ${m.title.toLowerCase()}`);
        }
      }
      if (m.description && e.type === 'PERSON') e.description ??= m.description;
    }
  }

  entityAt(offset: number): Entity | undefined {
    return this.atOffset.get(offset);
  }

  /** The entity a name refers to: same name or alias, or a full name this one is a short form of. */
  lookup(name: string, at = Infinity): Entity | undefined {
    const k = key(name);
    const exact = this.byKey.get(k);
    if (exact) return exact;
    const w = words(k);
    let best: Entity | undefined;
    for (const e of this.all) {
      const ew = this.nameWords(e);
      if (ew.length <= w.length || (e.type !== 'PERSON' && w.length === 1)) continue;
      const part = w.length === 1 ? ew.includes(w[0]) : w[0] === ew[0] && w[w.length - 1] === ew[ew.length - 1];
      if (part && (!best || e.type === 'PERSON' && best.type !== 'PERSON')) best = e;
    }
    if (best) {
      best.aliases.add(name);
      this.byKey.set(k, best);
    }
    void at;
    return best;
  }

  private readonly wordsOf = new Map<Entity, string[]>();

  private nameWords(e: Entity): string[] {
    let w = this.wordsOf.get(e);
    if (!w) this.wordsOf.set(e, (w = words(key(e.name))));
    return w;
  }

  create(name: string, type: Entity['type'], kind?: string): Entity {
    const base = slug(name) || 'entity';
    let ref = base;
    for (let n = 2; this.refs.has(ref); n++) ref = `${base}-${n}`;
    this.refs.add(ref);
    const e: Entity = { ref, type, name, aliases: new Set(), kind, roles: [], used: false };
    this.all.push(e);
    this.byKey.set(key(name), e);
    return e;
  }

  /** A group speaker ("the opposition", "several government ministers"), one per wording. */
  group(phrase: string): Entity {
    const name = phrase.charAt(0).toUpperCase() + phrase.slice(1);
    const found = this.byKey.get(key(name));
    if (found?.type === 'TOPIC') return this.speakingFor(found);
    return found ?? this.create(name, 'ORGANISATION', 'GROUP');
  }

  private readonly voices = new Map<Entity, Entity>();

  /**
   * A topic cannot speak: when the text makes one the source ("the poll found …", "the campaign said …"), the
   * speaker is a group of that name, while the name itself keeps naming the topic.
   */
  speakingFor(topic: Entity): Entity {
    let voice = this.voices.get(topic);
    if (!voice) {
      voice = this.create(topic.name, 'ORGANISATION', 'GROUP');
      this.byKey.set(key(topic.name), topic);
      this.voices.set(topic, voice);
    }
    return voice;
  }
}

function addRole(e: Entity, organisation: Entity | null, role: string): void {
  if (e.roles.some((r) => r.organisation === organisation && r.role === role)) return;
  e.roles.push({ organisation, role });
}

function guessType(name: string): EntityType {
  // Two or three capitalised words with nothing else are most often a person's name, unless they name a place.
  const w = words(name);
  return w.length >= 2 && w.length <= 3 && w.every((x) => /^\p{Lu}[\p{Ll}'’.-]/u.test(x)) && !isPlace(name) ? 'PERSON' : 'ORGANISATION';
}

export function words(s: string): string[] {
  return s.split(/\s+/).filter(Boolean);
}

export function key(s: string): string {
  return fold(s).replace(/['’]/g, '').replace(/[^a-z0-9]+/g, ' ').trim();
}

export function fold(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/ß/g, 'ss');
}

export function slug(s: string): string {
  return key(s).replace(/ /g, '-').slice(0, 90).replace(/-+$/, '');
}
