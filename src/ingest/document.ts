import { z } from 'zod';
import { isIsoDate, isIsoDateTime } from '../common/scalars.js';

/**
 * The article document: one JSON object per article, the format of the seed, of `npm run ingest` and of the
 * `ingestArticle` mutation. `ref`s are local to one document. The JSON Schema in schema/article-document.json
 * is generated from this definition (npm run schema:json).
 */

export const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
/** Names: runs of spaces collapse to one, so "Imran  Khan" is stored as "Imran Khan". */
export const name = z.string().trim().min(1, 'must not be empty').max(300).transform((v) => v.replace(/\s+/g, ' '));
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be an ISO 8601 date such as 2022-09-28', abort: true })
  .refine(isIsoDate, 'is not a real calendar date')
  .meta({ description: 'ISO 8601 calendar date', examples: ['2022-09-28'] });
export const isoDateOrDateTime = z
  .string()
  .refine((v) => isIsoDate(v) || isIsoDateTime(v), 'must be an ISO 8601 date (2022-09-28) or date-time with offset (2022-09-28T14:30:00Z)')
  .meta({ description: 'ISO 8601 date, or date-time with offset', examples: ['2022-09-28', '2022-09-28T14:30:00+05:00'] });
const ref = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/, 'must be a short reference of letters, digits, - _ . :');

export const STATEMENT_KINDS = ['CLAIM', 'ALLEGATION', 'DENIAL', 'CONFIRMATION', 'DEMAND', 'OPINION', 'OTHER'] as const;
export const ENTITY_TYPES = ['PERSON', 'ORGANISATION', 'TOPIC'] as const;
/** How a statement was found in its article: by hand, or by which rule of extraction (src/extract). */
export const EVIDENCE_METHODS = ['MANUAL', 'DIRECT_QUOTE', 'MIXED_QUOTE', 'REPORTED_SPEECH', 'ACCORDING_TO', 'HEADLINE'] as const;

const entity = z.strictObject({
  ref,
  type: z.enum(ENTITY_TYPES),
  name,
  aliases: z.array(name).max(50).default([]),
  wikidataId: z.string().regex(/^Q[1-9]\d*$/, 'must be a Wikidata item id such as Q42').optional(),
  description: text(2000).optional(),
  kind: text(100).optional(),
});

const affiliation = z.strictObject({
  person: ref,
  organisation: ref,
  role: text(300).optional(),
  since: isoDate.optional(),
  until: isoDate.optional(),
});

/**
 * Where in this article's body the statement was taken from: character offsets (JavaScript string indices,
 * UTF-16 code units) of its words, first to last; the method that found it and how sure it is (0–1).
 */
const evidence = z.strictObject({
  start: z.int().min(0),
  end: z.int().min(1),
  method: z.enum(EVIDENCE_METHODS).default('MANUAL'),
  confidence: z.number().min(0).max(1).default(1),
});

const statement = z.strictObject({
  ref: ref.optional(),
  speaker: ref,
  text: text(10_000),
  kind: z.enum(STATEMENT_KINDS).default('OTHER'),
  quote: z.boolean().default(false),
  saidOn: isoDate.nullable().optional(),
  about: z.array(ref).max(50).default([]),
  respondsTo: ref.optional(),
  evidence: evidence.optional(),
});

export const url = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2000);
export const language = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as en or ur-PK');
/** Longest article body accepted, in characters. */
export const MAX_BODY_CHARS = 1_000_000;

const shape = z.strictObject({
  url: url.optional(),
  title: text(1000),
  publishedAt: isoDateOrDateTime,
  source: name.optional(),
  authors: z.array(name).max(50).default([]),
  language: language.optional(),
  body: z.string().max(MAX_BODY_CHARS).optional(),
  entities: z.array(entity).max(1000).default([]),
  affiliations: z.array(affiliation).max(1000).default([]),
  statements: z.array(statement).max(1000).default([]),
  mentions: z.array(ref).max(1000).default([]),
});

export type ArticleDocument = z.infer<typeof shape>;

/** Everything `ref`s must agree on: each points at something declared, of the right type, declared once. */
export const articleDocument = shape.superRefine((doc, ctx) => {
  const problem = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const types = new Map<string, string>();
  doc.entities.forEach((e, i) => {
    if (types.has(e.ref)) problem(['entities', i, 'ref'], `duplicate entity ref "${e.ref}"`);
    types.set(e.ref, e.type);
  });
  const expect = (path: (string | number)[], r: string, allowed: readonly string[]) => {
    const type = types.get(r);
    if (!type) problem(path, `unknown entity ref "${r}"`);
    else if (!allowed.includes(type)) problem(path, `"${r}" is a ${type}; expected ${allowed.join(' or ')}`);
  };
  doc.affiliations.forEach((a, i) => {
    expect(['affiliations', i, 'person'], a.person, ['PERSON']);
    expect(['affiliations', i, 'organisation'], a.organisation, ['ORGANISATION']);
    if (a.since && a.until && a.until < a.since) problem(['affiliations', i, 'until'], 'is before since');
  });
  const statementRefs = new Set<string>();
  doc.statements.forEach((s, i) => {
    if (s.ref && statementRefs.has(s.ref)) problem(['statements', i, 'ref'], `duplicate statement ref "${s.ref}"`);
    if (s.ref) statementRefs.add(s.ref);
  });
  doc.statements.forEach((s, i) => {
    expect(['statements', i, 'speaker'], s.speaker, ['PERSON', 'ORGANISATION']);
    s.about.forEach((r, j) => expect(['statements', i, 'about', j], r, ENTITY_TYPES));
    if (s.respondsTo && !statementRefs.has(s.respondsTo)) problem(['statements', i, 'respondsTo'], `unknown statement ref "${s.respondsTo}"`);
    if (s.respondsTo && s.respondsTo === s.ref) problem(['statements', i, 'respondsTo'], 'a statement cannot respond to itself');
    if (s.evidence && s.evidence.end <= s.evidence.start) problem(['statements', i, 'evidence', 'end'], 'must be after start');
    if (s.evidence && s.evidence.end > (doc.body?.length ?? 0))
      problem(['statements', i, 'evidence', 'end'], doc.body ? `is past the end of the body (${doc.body.length} characters)` : 'needs the article body');
  });
  doc.mentions.forEach((r, i) => expect(['mentions', i], r, ENTITY_TYPES));
});

export interface DocumentProblem {
  /** Field path in the document, e.g. `statements[2].speaker`. */
  path: string;
  message: string;
}

export type Validated = { ok: true; document: ArticleDocument } | { ok: false; problems: DocumentProblem[] };

export function validateDocument(value: unknown): Validated {
  const parsed = articleDocument.safeParse(value);
  if (parsed.success) return { ok: true, document: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })) };
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '') || '(document)';
}
