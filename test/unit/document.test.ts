import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type ArticleDocument, validateDocument } from '../../src/ingest/document.js';
import { articleDocumentJsonSchema, JSON_SCHEMA_PATH } from '../../src/ingest/json-schema.js';
import { articleId, batchEntities, MAX_BATCH_WEIGHT, planArticle, planWeight } from '../../src/ingest/plan.js';

const seed = JSON.parse(readFileSync(new URL('../../seed/express-tribune-2022-09-28-imran-audio-leak.json', import.meta.url), 'utf8'));

const minimal = {
  title: 'A title',
  publishedAt: '2022-09-28',
  entities: [
    { ref: 'imran', type: 'PERSON', name: 'Imran Khan' },
    { ref: 'pti', type: 'ORGANISATION', name: 'Pakistan Tehreek-e-Insaf', aliases: ['PTI'] },
  ],
  statements: [{ speaker: 'imran', text: 'Something.' }],
};

const problemsOf = (value: unknown) => {
  const result = validateDocument(value);
  return result.ok ? [] : result.problems;
};

describe('the article document', () => {
  it('accepts the seed and a minimal article, filling defaults', () => {
    expect(validateDocument(seed).ok).toBe(true);
    const result = validateDocument(minimal);
    expect(result.ok && result.document.statements[0]).toEqual({ speaker: 'imran', text: 'Something.', kind: 'OTHER', quote: false, about: [] });
  });

  it('needs only a title, a date and, per statement, a speaker and a text', () => {
    expect(problemsOf({ statements: [{}] }).map((p) => p.path)).toEqual(['title', 'publishedAt', 'statements[0].speaker', 'statements[0].text']);
  });

  it('names the field path and the problem for refs that point nowhere or at the wrong type', () => {
    const doc = {
      ...minimal,
      affiliations: [{ person: 'pti', organisation: 'imran' }],
      statements: [{ speaker: 'ghost', text: 'x', about: ['imran', 'nobody'], respondsTo: 's9' }],
      mentions: ['pti', 'who'],
    };
    expect(problemsOf(doc)).toEqual([
      { path: 'affiliations[0].person', message: '"pti" is a ORGANISATION; expected PERSON' },
      { path: 'affiliations[0].organisation', message: '"imran" is a PERSON; expected ORGANISATION' },
      { path: 'statements[0].speaker', message: 'unknown entity ref "ghost"' },
      { path: 'statements[0].about[1]', message: 'unknown entity ref "nobody"' },
      { path: 'statements[0].respondsTo', message: 'unknown statement ref "s9"' },
      { path: 'mentions[1]', message: 'unknown entity ref "who"' },
    ]);
  });

  it('rejects bad dates, unknown kinds, wrong types and unknown keys', () => {
    const doc = { ...minimal, publishedAt: '2022-02-30', statements: [{ speaker: 'imran', text: 'x', kind: 'RUMOUR', quote: 'yes', saidOn: '28/09/2022' }], extra: 1 };
    expect(problemsOf(doc).map((p) => p.path)).toEqual(['publishedAt', 'statements[0].kind', 'statements[0].quote', 'statements[0].saidOn', '(document)']);
    expect(problemsOf(doc)[4]!.message).toMatch(/extra/);
  });

  it('is published as JSON Schema, kept in step with the validator (npm run schema:json)', () => {
    expect(JSON.parse(readFileSync(JSON_SCHEMA_PATH, 'utf8'))).toEqual(articleDocumentJsonSchema());
  });
});

describe('planning ids', () => {
  const parse = (value: unknown) => {
    const result = validateDocument(value);
    if (!result.ok) throw new Error('invalid');
    return result.document;
  };

  it('derives the same ids from the same document', () => {
    expect(planArticle(parse(seed))).toEqual(planArticle(parse(seed)));
  });

  it('fingerprints the plan: the same for the same document, another for any change that would be written', () => {
    const hash = (doc: object) => planArticle(parse(doc)).hash;
    expect(hash(seed)).toMatch(/^[\w-]{43}$/);
    expect(hash(minimal)).toBe(hash(JSON.parse(JSON.stringify(minimal))));
    const changes = [
      { ...minimal, title: 'A title, corrected' },
      { ...minimal, body: 'Some body.' },
      { ...minimal, statements: [{ speaker: 'imran', text: 'Something else.' }] },
      { ...minimal, statements: [{ speaker: 'imran', text: 'Something.', kind: 'CLAIM' }] },
      { ...minimal, entities: [minimal.entities[0], { ...minimal.entities[1], aliases: ['PTI', 'Insaf'] }] },
      { ...minimal, mentions: ['imran'] },
    ];
    const hashes = changes.map(hash);
    expect(new Set([hash(minimal), ...hashes]).size).toBe(changes.length + 1);
  });

  it('lists, without connecting them, the mentions beyond the first fifty: those quoted first, then in document order', () => {
    const people = Array.from({ length: 60 }, (_, i) => ({ ref: `p${i}`, type: 'PERSON', name: `Person ${i}` }));
    const doc = (mentions: string[]) =>
      parse({ title: 'A list', publishedAt: '2024-01-01', entities: people, mentions, statements: [{ speaker: 'p59', text: 'We object.', about: ['p58'] }] });
    const keys = (plan: ReturnType<typeof planArticle>, ...i: number[]) => i.map((k) => plan.entities.find((e) => e.name === `Person ${k}`)!.key);
    const all = planArticle(doc(people.map((p) => p.ref)));
    expect(all.mentions).toHaveLength(60);
    expect(all.listed).toEqual(keys(all, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57));
    expect(planArticle(doc(people.slice(10).map((p) => p.ref))).listed).toEqual([]);
  });

  it('weighs an article by what it writes: its links, the pairs it connects and its text', () => {
    const weight = (doc: object) => planWeight(planArticle(parse(doc)));
    const people = (n: number) => Array.from({ length: n }, (_, i) => ({ ref: `p${i}`, type: 'PERSON', name: `Person ${i}` }));
    const listing = (n: number) => ({ title: 'A list', publishedAt: '2024-01-01', entities: people(n), mentions: people(n).map((p) => p.ref) });
    expect(weight(minimal)).toBeLessThan(20);
    expect(weight({ ...minimal, body: 'x'.repeat(50_000) })).toBeGreaterThan(weight(minimal) + 99);
    // Pairs grow with the square of the entities connected, up to fifty; beyond, a mention is a link.
    expect(weight(listing(10)) - weight(listing(9))).toBe(9 + 1);
    expect(weight(listing(1000))).toBe(weight(listing(50)) + 950);
    expect(weight(listing(1000))).toBeLessThan(MAX_BATCH_WEIGHT / 10);
  });

  it('identifies an article by its url, whatever its title, or else by source, title and date', () => {
    const base = { title: 'One', publishedAt: '2022-09-28', source: 'Dawn' } as ArticleDocument;
    expect(articleId({ ...base, url: 'https://x.pk/story/1/slug' })).toBe(articleId({ ...base, title: 'Two', url: 'https://x.pk/story/1/slug' }));
    expect(articleId(base)).not.toBe(articleId({ ...base, title: 'Two' }));
    expect(articleId(base)).toBe(articleId({ ...base, publishedAt: '2022-09-28T10:00:00Z' }));
  });

  it('gives the same words from the same-named speaker one statement id across articles', () => {
    const a = planArticle(parse(minimal));
    const b = planArticle(parse({ ...minimal, title: 'Another', entities: [{ ref: 'ik', type: 'PERSON', name: 'IMRAN KHAN' }], statements: [{ speaker: 'ik', text: 'Something.' }] }));
    expect(b.statements[0]!.id).toBe(a.statements[0]!.id);
  });

  it('pools one entity named in several articles of a batch into one candidate with all its names', () => {
    const a = planArticle(parse(minimal));
    const b = planArticle(parse({ ...minimal, title: 'B', entities: [{ ref: 'imran', type: 'PERSON', name: 'imran khan', aliases: ['Kaptaan'] }] }));
    const people = batchEntities([a, b]).filter((e) => e.label === 'Person');
    expect(people).toHaveLength(1);
    expect(people[0]!.aliases).toEqual(['Kaptaan']);
    expect(people[0]!.keys).toEqual(['|imran khan|', '|kaptaan|']);
  });
});
