import neo4j from 'neo4j-driver';
import { RELATED_PER_ENTITY_SIDE } from '../src/article/related.js';
import { fold } from '../src/common/text.js';
import type { Database } from '../src/db/database.js';
import { encodeCursor } from '../src/graph/cursor.js';
import { toLuceneQuery } from '../src/search/lucene.js';
import { type Data, type GraphQLClient, need, type RawClient, type Row } from './query-clients.js';
import * as raw from './raw-queries.js';

/**
 * What the read benchmark asks: each operation as a GraphQL request and as hand-written Cypher (raw-queries.ts)
 * whose rows are shaped here into the response's data, so both answers can be compared as plain JSON. Shaping
 * is what a client of the driver does anyway (pages, cursors); it is timed with the raw query.
 */

export interface Picks {
  busiest: { id: string; name: string; said: number };
  mid: { id: string; name: string; said: number; rank: number };
  topic: { id: string; name: string; about: number };
  /** The newest article mentioning the busiest speaker: related stories of a hub. */
  article: { id: string; title: string; mentions: number };
  pathTo: { id: string; name: string; hops: number };
  typo: string;
  year: { from: string; to: string };
  /** The busiest speaker's statements in `year`, counted from the statements themselves (their own local day). */
  yearSaid: number;
  /** The articles mentioning the busiest speaker in `year`, and all statements in it, counted alike. */
  yearMentioned: number;
  yearStatements: number;
  quarter: { from: string; to: string };
  text: string;
}

export interface Operation {
  key: string;
  /** What the tables show. */
  label: string;
  /** The answer through the API, checked (throws ResponseError on errors or an implausible answer). */
  graphql: (api: GraphQLClient) => Promise<Data>;
  /** The same answer from hand-written Cypher, shaped like the response's data. */
  raw: (db: RawClient) => Promise<Data>;
}

const TRAVERSABLE = 'SAID|ABOUT|REPORTED_IN|MENTIONS|PUBLISHED_BY|WROTE|AFFILIATED_WITH|RESPONDS_TO';
const int = (n: number) => neo4j.int(n);

/** A misspelling search should forgive: one letter of the longest word replaced (one edit). */
function misspell(name: string): string {
  const words = name.split(' ');
  const i = words.reduce((best, w, k) => (w.length > words[best]!.length ? k : best), 0);
  const w = words[i]!;
  const at = Math.min(2, w.length - 1);
  const replacement = w[at]!.toLowerCase() === 'e' ? 'a' : 'e';
  words[i] = w.slice(0, at) + replacement + w.slice(at + 1);
  return words.join(' ');
}

export async function pick(db: Database): Promise<Picks> {
  const speakers = await db.read(
    'bench.speakers',
    'MATCH (p:Person) WITH p, COUNT { (p)-[:SAID]->() } AS said WHERE said > 0 RETURN p.id AS id, p.name AS name, said ORDER BY said DESC, id',
  );
  need(speakers.length >= 2, 'the corpus has fewer than two speakers');
  const speaker = (i: number) => ({ id: String(speakers[i]!.id), name: String(speakers[i]!.name), said: Number(speakers[i]!.said) });
  const busiest = speaker(0);
  // Mid-frequency: the 100th busiest speaker (or the median one in a small corpus).
  const midRank = Math.min(99, Math.floor(speakers.length / 2));
  const mid = { ...speaker(midRank), rank: midRank + 1 };
  const [topic] = await db.read(
    'bench.topic',
    'MATCH (t:Topic) WITH t, COUNT { (t)<-[:ABOUT]-() } AS about RETURN t.id AS id, t.name AS name, about ORDER BY about DESC, id LIMIT 1',
  );
  need(topic, 'the corpus has no topic');
  const [article] = await db.read(
    'bench.article',
    `MATCH (a:Article)-[:MENTIONS]->(:Person {id: $id}) WITH a ORDER BY a.publishedAt DESC, a.id LIMIT 1
     RETURN a.id AS id, a.title AS title, COUNT { (a)-[:MENTIONS]->() } AS mentions`,
    { id: busiest.id },
  );
  need(article, `no article mentions ${busiest.id}`);
  // Another mid-frequency speaker connected to `mid`, preferably 4 hops away (the longest paths allows).
  let pathTo: Picks['pathTo'] | undefined;
  for (let rank = midRank + 100; rank < Math.min(speakers.length, midRank + 400) && pathTo?.hops !== 4; rank += 7) {
    const candidate = speaker(rank);
    const [row] = await db.read(
      'bench.distance',
      `MATCH (a:Person {id: $a}), (b:Person {id: $b}) MATCH p = shortestPath((a)-[:${TRAVERSABLE}*..4]-(b)) RETURN length(p) AS hops`,
      { a: mid.id, b: candidate.id },
    );
    if (row && (!pathTo || Number(row.hops) > pathTo.hops)) pathTo = { id: candidate.id, name: candidate.name, hops: Number(row.hops) };
  }
  need(pathTo, `no speaker found within 4 hops of ${mid.id}`);
  const year = { from: '2022-01-01', to: '2022-12-31' };
  // What the counted filter must answer, read without the day counts it is answered from (src/graph/day-counts.ts).
  const [yearSaid] = await db.read(
    'bench.year',
    'MATCH (:Person {id: $id})-[:SAID]->(s:Statement) WHERE date(s.at) >= date($from) AND date(s.at) <= date($to) RETURN count(s) AS n',
    { id: busiest.id, ...year },
  );
  const [yearCounts] = await db.read(
    'bench.year.all',
    `RETURN COUNT { MATCH (a:Article)-[:MENTIONS]->(:Person {id: $id}) WHERE date(a.publishedAt) >= date($from) AND date(a.publishedAt) <= date($to) } AS mentioned,
       COUNT { MATCH (s:Statement) WHERE date(s.at) >= date($from) AND date(s.at) <= date($to) } AS statements`,
    { id: busiest.id, ...year },
  );
  return {
    busiest,
    mid,
    topic: { id: String(topic.id), name: String(topic.name), about: Number(topic.about) },
    article: { id: String(article.id), title: String(article.title), mentions: Number(article.mentions) },
    pathTo,
    typo: misspell(mid.name),
    year,
    yearSaid: Number(yearSaid!.n),
    yearMentioned: Number(yearCounts!.mentioned),
    yearStatements: Number(yearCounts!.statements),
    quarter: { from: '2022-04-01', to: '2022-06-30' },
    // Two words of one statement template (ALLEGATION: "Officials covered up the facts about {a}").
    text: 'covered facts',
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Shaping rows into connections

/** Rows of a page query, fetched one past the page: `at` (the sort key, as the cursor holds it) and `node`. */
type PageRow = Row & { at: unknown; node: Row };
type PageInfoKey = 'hasNextPage' | 'endCursor';

const cursorOf = (r: PageRow) => encodeCursor(r.at as string, r.node.id as string);

/** A connection of the first `first` rows; `edge` adds fields to each edge, `info` picks the pageInfo selected. */
function connection(rows: PageRow[], first: number, info: PageInfoKey[], edge: (r: PageRow) => Row = (r) => ({ cursor: cursorOf(r), node: r.node })) {
  const page = rows.slice(0, first);
  // Only what is selected: a query without cursors returns no sort key.
  const values = { hasNextPage: () => rows.length > first, endCursor: () => (page.length ? cursorOf(page.at(-1)!) : null) };
  return { edges: page.map(edge), pageInfo: Object.fromEntries(info.map((k) => [k, values[k]()])) };
}

/** A list as a connection's edges, when only the nodes are selected. */
const nodes = (list: Row[]) => ({ edges: list.map((node) => ({ node })) });

function edgesOf(connection: any, label: string, atLeast = 1): any[] {
  const edges = connection?.edges;
  need(Array.isArray(edges) && edges.length >= atLeast, () => `${label}: expected at least ${atLeast} edges, got ${JSON.stringify(connection)?.slice(0, 300)}`);
  return edges;
}

// ---------------------------------------------------------------------------------------------------------------
// The operations

interface Single {
  query: string;
  variables: Row;
  check: (data: Data) => void;
  cypher: string;
  params: Row;
  shape: (rows: Row[]) => Data;
}

function single(key: string, label: string, o: Single): Operation {
  return {
    key,
    label,
    graphql: async (api) => {
      const data = await api.execute(key, o.query, o.variables);
      o.check(data);
      return data;
    },
    raw: async (db) => o.shape((await db.query(key, o.cypher, o.params)).rows),
  };
}

export function operations(p: Picks): Operation[] {
  return [
    single('person', 'person(id) name aliases affiliations', {
      query: `query Person($id: ID!) { person(id: $id) { id name aliases affiliations { role since until organisation { id name } } } }`,
      variables: { id: p.busiest.id },
      check: (d) => need(d.person?.name === p.busiest.name && d.person.affiliations.length > 0, () => `person: unexpected ${JSON.stringify(d)}`),
      cypher: raw.RAW_PERSON,
      params: { id: p.busiest.id },
      shape: (rows) => ({ person: rows[0]?.person ?? null }),
    }),
    single('person-statements', 'person.statements(20) speaker about reportedIn', {
      query: `query PersonStatements($id: ID!) { person(id: $id) { statements(first: 20) { edges { cursor node { id text kind saidOn
         speaker { id name } about { id name } reportedIn { id title publishedAt source { name } } } } pageInfo { hasNextPage endCursor } } } }`,
      variables: { id: p.busiest.id },
      check: (d) => {
        const edges = edgesOf(d.person?.statements, 'person.statements', 20);
        need(edges.every((e) => e.node.speaker.id === p.busiest.id && e.node.reportedIn.length > 0), 'person.statements: wrong speaker or no article');
      },
      cypher: raw.RAW_PERSON_STATEMENTS,
      params: { id: p.busiest.id, limit: int(21) },
      shape: (rows) => ({ person: { statements: connection(rows as PageRow[], 20, ['hasNextPage', 'endCursor']) } }),
    }),
    single('statements-filter', 'statements(speaker, from, to; 20) totalCount', {
      query: `query Statements($speaker: ID!, $from: Date!, $to: Date!) { statements(filter: {speaker: $speaker, from: $from, to: $to}, first: 20) {
         totalCount edges { cursor node { id text kind saidOn date speaker { name } } } pageInfo { hasNextPage endCursor } } }`,
      variables: { speaker: p.busiest.id, ...p.year },
      check: (d) => {
        const edges = edgesOf(d.statements, 'statements(filter)', 20);
        need(d.statements.totalCount > 20, 'statements(filter): totalCount ≤ 20');
        need(d.statements.totalCount === p.yearSaid, () => `statements(filter): totalCount ${d.statements.totalCount}, but ${p.yearSaid} statements in range`);
        need(edges.every((e) => e.node.date >= p.year.from && e.node.date <= p.year.to), 'statements(filter): a date out of range');
      },
      cypher: raw.RAW_STATEMENTS_FILTER,
      params: { speaker: p.busiest.id, ...p.year, limit: int(21) },
      shape: ([row]) => ({ statements: { totalCount: row?.total ?? 0, ...connection((row?.rows ?? []) as PageRow[], 20, ['hasNextPage', 'endCursor']) } }),
    }),
    single('deep', 'deep: person>statements>about>mentionedIn>statements>speaker>affiliations', {
      query: `query Deep($id: ID!) { person(id: $id) { name statements(first: 10) { edges { node { text saidOn
         about { id name mentionedIn(first: 5) { edges { node { title publishedAt source { name }
           statements(first: 3) { edges { node { text speaker { name ... on Person { affiliations { role organisation { name } } } } } } } } } } }
         reportedIn { title } } } } } }`,
      variables: { id: p.busiest.id },
      check: (d) => {
        const edges = edgesOf(d.person?.statements, 'deep', 10);
        need(edges.some((e) => e.node.about.some((a: any) => a.mentionedIn.edges.length > 0)), 'deep: no mentionedIn below');
      },
      cypher: raw.RAW_DEEP,
      params: { id: p.busiest.id },
      shape: ([row]) =>
        row
          ? {
              person: {
                name: row.name,
                statements: nodes(
                  (row.statements as Row[]).map((s) => ({
                    ...s,
                    about: (s.about as Row[]).map((e) => ({
                      ...e,
                      mentionedIn: nodes((e.mentionedIn as Row[]).map((a) => ({ ...a, statements: nodes(a.statements as Row[]) }))),
                    })),
                  })),
                ),
              },
            }
          : { person: null },
    }),
    single('timeline', 'timeline(busiest speaker; 20)', {
      query: `query Timeline($id: ID!) { timeline(entity: $id, first: 20) { edges { cursor role date node { id text speaker { name } } article { title } }
         pageInfo { hasNextPage endCursor } } }`,
      variables: { id: p.busiest.id },
      check: (d) => void edgesOf(d.timeline, 'timeline', 20),
      cypher: raw.RAW_TIMELINE,
      params: { id: p.busiest.id, limit: int(21) },
      shape: (rows) => ({
        timeline: connection(rows as PageRow[], 20, ['hasNextPage', 'endCursor'], (r) => ({ cursor: cursorOf(r), role: r.role, date: r.date, node: r.node, article: r.article })),
      }),
    }),
    single('top-speakers', 'topSpeakers(about: busiest topic)', {
      query: `query TopSpeakers($id: ID!) { topSpeakers(about: $id) { count firstDate lastDate speaker { id name } } }`,
      variables: { id: p.topic.id },
      check: (d) => need(d.topSpeakers?.length === 10 && d.topSpeakers[0].count >= d.topSpeakers[9].count, () => `topSpeakers: ${JSON.stringify(d).slice(0, 300)}`),
      cypher: raw.RAW_TOP_SPEAKERS,
      params: { id: p.topic.id, limit: int(10) },
      shape: (rows) => ({ topSpeakers: rows }),
    }),
    single('search', 'search(name with a typo)', {
      query: `query Search($q: String!) { search(query: $q) { score node { id ... on Person { name } ... on Organisation { name } ... on Topic { name }
         ... on Statement { text } ... on Article { title } } } }`,
      variables: { q: p.typo },
      // Articles and statements naming the person may outrank the person: the best hits must name them, typo forgiven.
      check: (d) =>
        need(
          d.search?.length && d.search.slice(0, 3).some((h: any) => fold(h.node.name ?? h.node.title ?? h.node.text ?? '').includes(fold(p.mid.name))),
          () => `search: "${p.typo}" did not find ${p.mid.name}: ${JSON.stringify(d).slice(0, 300)}`,
        ),
      cypher: raw.RAW_SEARCH,
      // The API's own translation of the search text into Lucene: the raw client needs the same query string.
      params: { query: toLuceneQuery(p.typo, 'any'), exact: `|${fold(p.typo)}|`, limit: int(10) },
      shape: (rows) => ({ search: rows }),
    }),
    single('text', 'statements(text: two words; 20)', {
      query: `query Text($text: String!) { statements(filter: {text: $text}, first: 20) { edges { node { id text speaker { name } } } pageInfo { hasNextPage } } }`,
      variables: { text: p.text },
      check: (d) => void edgesOf(d.statements, 'statements(text)', 20),
      cypher: raw.RAW_TEXT,
      params: { query: toLuceneQuery(p.text, 'all'), limit: int(21) },
      shape: (rows) => ({ statements: connection(rows as PageRow[], 20, ['hasNextPage'], (r) => ({ node: r.node })) }),
    }),
    single('network', 'network(busiest speaker; 20)', {
      query: `query Network($id: ID!) { person(id: $id) { network(first: 20) { weight coMentions statementsBy statementsAbout firstSeen lastSeen entity { id name } } } }`,
      variables: { id: p.busiest.id },
      check: (d) => need(d.person?.network?.length === 20, () => `network: ${JSON.stringify(d).slice(0, 300)}`),
      cypher: raw.RAW_NETWORK,
      params: { id: p.busiest.id, limit: int(20) },
      shape: (rows) => ({ person: { network: rows } }),
    }),
    single('related', 'article.related(10), hub article', {
      query: `query Related($id: ID!) { article(id: $id) { title related(first: 10) { score article { id title publishedAt } sharedEntities { id name } sharedStatements { id } } } }`,
      variables: { id: p.article.id },
      check: (d) => need(d.article?.related?.length === 10, () => `related: ${JSON.stringify(d).slice(0, 300)}`),
      cypher: raw.RAW_RELATED,
      params: { id: p.article.id, limit: int(10), perSide: int(RELATED_PER_ENTITY_SIDE) },
      shape: ([row]) => ({ article: row ?? null }),
    }),
    single('paths', `paths(maxHops: 4), ${p.pathTo.hops} hops`, {
      query: `query Paths($from: ID!, $to: ID!) { paths(from: $from, to: $to, maxHops: 4) { length steps { relationship direction node { id } } } }`,
      variables: { from: p.mid.id, to: p.pathTo.id },
      check: (d) => need(d.paths?.length > 0 && d.paths[0].length === p.pathTo.hops, () => `paths: ${JSON.stringify(d).slice(0, 300)}`),
      cypher: raw.RAW_PATHS,
      params: { from: p.mid.id, to: p.pathTo.id, limit: int(3) },
      shape: (rows) => ({
        paths: rows.map((r) => {
          const [ids, steps] = [r.ids as string[], r.steps as { type: string; forward: boolean }[]];
          return {
            length: steps.length,
            steps: ids.map((id, i) => ({
              relationship: i ? steps[i - 1]!.type : null,
              direction: i ? (steps[i - 1]!.forward ? 'FORWARD' : 'BACKWARD') : null,
              node: { id },
            })),
          };
        }),
      }),
    }),
    single('articles', 'articles(from, to; 20)', {
      query: `query Articles($from: Date!, $to: Date!) { articles(first: 20, filter: {from: $from, to: $to}) {
         edges { cursor node { id title publishedAt source { name } } } pageInfo { hasNextPage endCursor } } }`,
      variables: p.quarter,
      check: (d) => {
        const edges = edgesOf(d.articles, 'articles', 20);
        // publishedAt comes back in UTC: a day's margin for the offsets of the local dates the filter compares.
        const day = (iso: string, delta: number) => new Date(Date.parse(iso) + delta * 86_400_000).toISOString().slice(0, 10);
        const [from, to] = [day(p.quarter.from, -1), day(p.quarter.to, 1)];
        need(edges.every((e) => e.node.publishedAt.slice(0, 10) >= from && e.node.publishedAt.slice(0, 10) <= to), 'articles: a date out of range');
      },
      cypher: raw.RAW_ARTICLES,
      params: { ...p.quarter, limit: int(21) },
      shape: (rows) => ({ articles: connection(rows as PageRow[], 20, ['hasNextPage', 'endCursor']) }),
    }),
    single('articles-mentioning', 'articles(mentioning, from, to; 20) totalCount', {
      query: `query Mentioning($id: ID!, $from: Date!, $to: Date!) { articles(filter: {mentioning: $id, from: $from, to: $to}, first: 20) {
         totalCount edges { cursor node { id title publishedAt } } pageInfo { hasNextPage endCursor } } }`,
      variables: { id: p.busiest.id, ...p.year },
      check: (d) => {
        edgesOf(d.articles, 'articles(mentioning)', 20);
        need(d.articles.totalCount === p.yearMentioned, () => `articles(mentioning): totalCount ${d.articles.totalCount}, but ${p.yearMentioned} articles in range`);
      },
      cypher: raw.RAW_ARTICLES_MENTIONING,
      params: { id: p.busiest.id, ...p.year, limit: int(21) },
      shape: ([row]) => ({ articles: { totalCount: row?.total ?? 0, ...connection((row?.rows ?? []) as PageRow[], 20, ['hasNextPage', 'endCursor']) } }),
    }),
    single('statements-year', 'statements(from, to; 20) totalCount', {
      query: `query Year($from: Date!, $to: Date!) { statements(filter: {from: $from, to: $to}, first: 20) {
         totalCount edges { cursor node { id text date } } pageInfo { hasNextPage endCursor } } }`,
      variables: p.year,
      check: (d) => {
        edgesOf(d.statements, 'statements(from, to)', 20);
        need(d.statements.totalCount === p.yearStatements, () => `statements(from, to): totalCount ${d.statements.totalCount}, but ${p.yearStatements} statements in range`);
      },
      cypher: raw.RAW_STATEMENTS_YEAR,
      params: { ...p.year, limit: int(21) },
      shape: ([row]) => ({ statements: { totalCount: row?.total ?? 0, ...connection((row?.rows ?? []) as PageRow[], 20, ['hasNextPage', 'endCursor']) } }),
    }),
    pagination(),
  ];
}

const PAGES = 10;
const PAGE_SIZE = 50;

/** Ten pages of all statements, newest first, each asked for after the last: ten round trips either way. */
function pagination(): Operation {
  const query = `query Page($after: String) { statements(first: ${PAGE_SIZE}, after: $after) { edges { cursor node { id text date speaker { name } } }
    pageInfo { hasNextPage endCursor } } }`;
  return {
    key: 'pagination',
    label: `statements(${PAGE_SIZE}) x ${PAGES} pages, keyset`,
    graphql: async (api) => {
      const pages: Data[] = [];
      const seen = new Set<string>();
      let after: string | null = null;
      let last = '9999-12-31';
      for (let page = 0; page < PAGES; page++) {
        const d = await api.execute('pagination', query, { after });
        const edges = edgesOf(d.statements, `pagination page ${page + 1}`, PAGE_SIZE);
        for (const e of edges) {
          need(!seen.has(e.node.id), `pagination: ${e.node.id} seen twice`);
          need(e.node.date <= last, `pagination: not newest first at ${e.node.id}`);
          seen.add(e.node.id);
          last = e.node.date;
        }
        need(d.statements.pageInfo.hasNextPage && d.statements.pageInfo.endCursor, 'pagination: ended early');
        after = d.statements.pageInfo.endCursor;
        pages.push(d);
      }
      return { pages };
    },
    raw: async (db) => {
      const pages: Data[] = [];
      // The raw client keeps the last row's date-time as the driver gave it, and its id: no cursor to decode.
      let after: { after: unknown; id: unknown } | undefined;
      for (let page = 0; page < PAGES; page++) {
        const params = { limit: int(PAGE_SIZE + 1), ...after };
        const { rows, values } = await db.query('pagination', after ? raw.RAW_PAGE_AFTER : raw.RAW_PAGE_FIRST, params);
        const last = values[Math.min(rows.length, PAGE_SIZE) - 1];
        after = last && { after: last.at, id: (rows[Math.min(rows.length, PAGE_SIZE) - 1]!.node as Row).id };
        pages.push({ statements: connection(rows as PageRow[], PAGE_SIZE, ['hasNextPage', 'endCursor']) });
      }
      return { pages };
    },
  };
}
