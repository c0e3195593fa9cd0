import { requireWriter } from '../common/auth.js';
import { ServiceUnavailableError } from '../common/errors.js';
import type { Extraction as ExtractionView, ExtractedEntity, ExtractedEvidence, RawArticleInput, Resolvers } from '../generated/graphql.js';
import { type ArticleDocument, type DocumentProblem, validateDocument } from '../ingest/document.js';
import { ingestAndReport, inputProblems, withoutNulls } from '../ingest/resolvers.js';
import { ExtractionBusy, extractInWorker } from './pool.js';
import { type RawArticle, validateRawArticle } from './raw.js';
import type { Extraction } from './types.js';

export const extractResolvers: Resolvers = {
  Query: {
    extract: async (_parent, { input }) => view(await extractLoadable(await rawArticleOf(input))),
  },
  Mutation: {
    ingestRawArticle: async (_parent, { input }, context, info) => {
      requireWriter(context);
      const { document } = await extractLoadable(await rawArticleOf(input));
      return ingestAndReport(document, context, info);
    },
  },
};

/**
 * Types whose values are built here in JavaScript, not projected by Cypher: their fields read the property of
 * their own name (the server's default reads the response key, which is what Cypher projections are keyed by).
 */
export const PLAIN_TYPES = ['Extraction', 'ExtractedEntity', 'ExtractedAffiliation', 'ExtractedStatement', 'ExtractedEvidence', 'UnattributedStatement'];

/** The raw article an input describes, validated; a web page (format HTML) is read first, the input's fields winning. */
async function rawArticleOf(input: RawArticleInput): Promise<RawArticle> {
  const { format, body, ...given } = withoutNulls(input) as RawArticleInput;
  // The page reader (readability over linkedom) is loaded on the first web page: 30 MB of a server that may never get one.
  const record = format === 'HTML' ? (await import('./input/html.js')).rawFromHtml(body, given as Partial<RawArticle>) : { ...given, body };
  const checked = validateRawArticle(record);
  if (!checked.ok) throw inputProblems('The article could not be read', checked.problems.map((p) => missingField(p, record, format === 'HTML')));
  return checked.raw;
}

/** A field nobody gave (the input nor, for a page, the page itself) is named as missing, rather than by its type. */
function missingField(problem: DocumentProblem, record: Record<string, unknown>, page: boolean): DocumentProblem {
  if (!/^\w+$/.test(problem.path) || problem.path in record) return problem;
  return { path: problem.path, message: page ? 'is required: the page does not give it' : 'is required' };
}

/**
 * Extraction runs on a worker thread (pool.ts), off the event loop. Its document is checked like any other
 * before it is shown or loaded: one that fails is a fault of extraction, not of the input, and is reported as such.
 */
async function extractLoadable(raw: RawArticle): Promise<Extraction> {
  const extraction = await extractInWorker(raw).catch((error: unknown) => {
    if (error instanceof ExtractionBusy) throw new ServiceUnavailableError('Extraction is busy with other articles; try again shortly.');
    throw error;
  });
  const checked = validateDocument(extraction.document);
  if (!checked.ok) throw new Error(`Extraction made an invalid document for "${raw.title}": ${JSON.stringify(checked.problems)}`);
  return { ...extraction, document: checked.document };
}

/** The extraction as the schema shows it: refs resolved to the entities they name, evidence with its words. */
function view({ document, unattributed, warnings }: Extraction): ExtractionView {
  const body = document.body ?? '';
  const located = (e: Omit<ExtractedEvidence, 'snippet'>): ExtractedEvidence => ({ ...e, snippet: body.slice(e.start, e.end) });
  const entities = new Map(
    document.entities.map((e): [string, ExtractedEntity] => [
      e.ref,
      { ref: e.ref, type: e.type, name: e.name, aliases: e.aliases, kind: e.kind ?? null, description: e.description ?? null },
    ]),
  );
  const entity = (ref: string) => entities.get(ref)!;
  return {
    title: document.title,
    publishedAt: document.publishedAt,
    source: document.source ?? null,
    url: document.url ?? null,
    language: document.language ?? null,
    authors: document.authors,
    entities: [...entities.values()],
    affiliations: document.affiliations.map((a) => ({
      person: entity(a.person),
      organisation: entity(a.organisation),
      role: a.role ?? null,
      since: a.since ?? null,
      until: a.until ?? null,
    })),
    statements: document.statements.map((s, i) => ({
      ref: s.ref ?? null,
      speaker: entity(s.speaker),
      text: s.text,
      kind: s.kind,
      quote: s.quote,
      saidOn: s.saidOn ?? null,
      about: s.about.map(entity),
      respondsTo: s.respondsTo ?? null,
      evidence: located(s.evidence ?? missingEvidence(document, i)),
    })),
    unattributed: unattributed.map(({ text, kind, quote, speakerText, start, end, method, confidence }) => ({
      text,
      kind,
      quote,
      speakerText,
      evidence: located({ start, end, method, confidence }),
    })),
    mentions: document.mentions.map(entity),
    warnings,
  };
}

function missingEvidence(document: ArticleDocument, i: number): never {
  throw new Error(`Extraction gave statement ${i} of "${document.title}" no evidence`);
}
