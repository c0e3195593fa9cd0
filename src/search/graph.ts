import { BadInputError } from '../common/errors.js';
import { fold } from '../common/text.js';
import { bound, type Build, type FieldSpec, sizeParam, type Specs } from '../graph/spec.js';
import { needles } from './highlight.js';
import { parseSearchText, toLuceneQuery } from './lucene.js';

/** The full-text index over names, aliases, statement text and days, article titles and bodies (db/schema.ts). */
export const SEARCH_INDEX = 'text_search';

const LABEL_BY_TYPE: Record<string, string> = {
  PERSON: 'Person',
  ORGANISATION: 'Organisation',
  TOPIC: 'Topic',
  STATEMENT: 'Statement',
  ARTICLE: 'Article',
};

/**
 * The longest search text accepted. Nobody types more, and Lucene's typo-tolerant matching of a very long term is
 * slow: a 100 KB string kept a search busy for 7–11 s.
 */
export const MAX_SEARCH_LENGTH = 500;

/**
 * How many of the index's best hits a search ranks: Lucene keeps only these, so a common word does not make Cypher
 * collect and sort every node holding it. The types asked for are picked among them, so a type whose hits all
 * score below a thousand others is not found; names and short texts score high, so in practice that is rare.
 */
const CANDIDATES = 1000;

/**
 * A full-text lookup binding `node` (and `score`, when named) for `query`, a Cypher string in Lucene's syntax;
 * `limit`, an integer expression, keeps only that many of the best hits.
 */
export function fullTextCall(query: string, node: string, { score, limit }: { score?: string; limit?: string } = {}): string {
  const options = limit ? `, {limit: ${limit}}` : '';
  return `CALL db.index.fulltext.queryNodes('${SEARCH_INDEX}', ${query}${options}) YIELD node AS ${node}${score ? `, score AS ${score}` : ''}`;
}

/**
 * What a user typed, as a Lucene query parameter; BAD_USER_INPUT when it has no words or is longer than
 * MAX_SEARCH_LENGTH.
 */
export function luceneParam(text: string, mode: 'any' | 'all', build: Build, field: string): string {
  if (text.length > MAX_SEARCH_LENGTH) {
    throw new BadInputError(`${field} is ${text.length} characters long; at most ${MAX_SEARCH_LENGTH} are searched.`, field);
  }
  const query = toLuceneQuery(text, mode);
  if (!query) throw new BadInputError(`${field}: give at least one word to search for.`, field);
  return build.param(query);
}

/**
 * Query.search: the index's best hits of the requested types, where an entity whose name or one of its aliases is
 * the search itself (folded: case, accents, punctuation aside) comes first. Its score is raised by the best score
 * of all, so scores still fall down the list. `nameKeys` holds every folded name of an entity as `|name|alias|`.
 */
const search: FieldSpec = {
  kind: 'object',
  bind: (_scope, args, build) => {
    const text = args.query as string;
    const [hit, hits, top, node, score] = [build.variable(), build.variable(), build.variable(), build.variable(), build.variable()];
    const types = (args.types as string[] | null) ?? Object.keys(LABEL_BY_TYPE);
    const query = luceneParam(text, 'any', build, `${build.path}.query`);
    const exact = build.param(`|${fold(text)}|`);
    return {
      match:
        `${fullTextCall(query, node, { score, limit: build.int(CANDIDATES) })} ` +
        `WHERE any(label IN labels(${node}) WHERE label IN ${build.param(types.map((t) => LABEL_BY_TYPE[t]))}) ` +
        `WITH collect({node: ${node}, score: ${score}}) AS ${hits}, max(${score}) AS ${top} UNWIND ${hits} AS ${hit} ` +
        `WITH ${hit}.node AS ${node}, ${hit}.score + CASE WHEN ${hit}.node.nameKeys CONTAINS ${exact} THEN ${top} ELSE 0.0 END AS ${score}`,
      scope: { node, score, needles: build.param(needles(parseSearchText(text))) },
      limit: sizeParam(build, args.first, 'first'),
    };
  },
  orderBy: (s) => `${s.score} DESC, ${s.node}.id`,
};

/** Texts up to this long are sent whole for highlighting; longer ones as windows around the searched words. */
const WHOLE_TEXT = 400;
/** A window: this many characters before the word found, and this long in all. */
const WINDOW_LEAD = 100;
const WINDOW_LENGTH = 320;
/** Windows of one text: at most this many, starting at least this far apart (they may overlap: see highlight.ts). */
const WINDOWS = 3;
const WINDOW_GAP = 200;
/**
 * Combining accents stripped (after NFD) to find a searched word in a long text as the index does, accents
 * aside; each leaves its letter in place, so positions in the folded text are positions in the text.
 */
const ACCENTS = [...'\u0300\u0301\u0302\u0303\u0304\u0306\u0307\u0308\u030a\u030b\u030c\u0323\u0327\u0328\u0331'];

/**
 * SearchHit.highlights, as the database sends it: windows of each text the index searched (see highlight.ts,
 * which the search resolver makes the highlights from). A long text is searched for each needle (folded, in
 * Cypher) and cut around the first occurrences found, or at its start when none is.
 */
const highlights: FieldSpec = {
  kind: 'value',
  cypher: (s, _args, build) => {
    const n = s.node!;
    const int = (value: number) => build.int(value);
    // Fixed names, each bound once in its own part: the expression is self-contained.
    const sources = `[hl_x IN [${n}.name] + coalesce(${n}.aliases, []) + [${n}.text, ${n}.title, ${n}.body] WHERE hl_x IS NOT NULL]`;
    const folded = `reduce(hl_f = toLower(normalize(hl_text, NFD)), hl_accent IN ${build.param(ACCENTS)} | replace(hl_f, hl_accent, ''))`;
    const found = `[hl_needle IN ${s.needles} | size(split(hl_folded, hl_needle)[0])]`;
    const starts =
      `reduce(hl_starts = [], hl_at IN ${found} | CASE WHEN size(hl_starts) < ${int(WINDOWS)} AND hl_at < size(hl_folded) ` +
      `AND all(hl_s IN hl_starts WHERE abs(hl_s - hl_at) > ${int(WINDOW_GAP)}) THEN hl_starts + hl_at ELSE hl_starts END)`;
    const from = `CASE WHEN hl_at > ${int(WINDOW_LEAD)} THEN hl_at - ${int(WINDOW_LEAD)} ELSE 0 END`;
    const window = `{of: hl_i, start: hl_from, text: substring(hl_text, hl_from, ${int(WINDOW_LENGTH)}), cutEnd: hl_from + ${int(WINDOW_LENGTH)} < size(hl_text)}`;
    // Where no needle is found (a typo), the start of the text.
    const windows =
      `[hl_folded IN [${folded}] | [hl_found IN [${starts}] | [hl_at IN CASE WHEN size(hl_found) = 0 THEN [0] ELSE hl_found END | ` +
      `[hl_from IN [${from}] | ${window}][0]]][0]][0]`;
    const windowsOf = `CASE WHEN size(hl_text) <= ${int(WHOLE_TEXT)} THEN [{of: hl_i, start: 0, text: hl_text, cutEnd: false}] ELSE ${windows} END`;
    return `[hl_sources IN [${sources}] | reduce(hl_all = [], hl_i IN range(0, size(hl_sources) - 1) | hl_all + [hl_text IN [hl_sources[hl_i]] | ${windowsOf}][0])][0]`;
  },
};

export const searchSpecs: Specs = {
  SearchHit: { fields: { score: { kind: 'value', cypher: (s) => s.score! }, node: bound(), highlights } },
  Query: { fields: { search } },
};
