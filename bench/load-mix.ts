import neo4j from 'neo4j-driver';
import type { Database } from '../src/db/database.js';
import type { ArticleDocument } from '../src/ingest/document.js';

/**
 * What `npm run load` sends: the README's read queries (the five seeded questions verbatim, the tracing queries on
 * people and articles of the generated corpus) and ingestArticle mutations of fresh generated documents.
 */

type Variables = Record<string, unknown>;

export interface GraphQLRequest {
  query: string;
  variables?: Variables;
}

export interface Operation {
  key: string;
  /** Needs the bearer token. */
  write: boolean;
  next: (rng: () => number) => GraphQLRequest;
}

/** Targets drawn from the loaded graph, so the tracing queries have something to find. */
export interface Picks {
  speakers: { id: string; name: string }[];
  articles: string[];
}

const PICK_COUNT = 200;

export async function pickTargets(db: Database): Promise<Picks> {
  const speakers = await db.read(
    'load.speakers',
    'MATCH (p:Person) WITH p, COUNT { (p)-[:SAID]->() } AS said WHERE said > 0 RETURN p.id AS id, p.name AS name ORDER BY said DESC, id LIMIT $n',
    { n: neo4j.int(PICK_COUNT) },
  );
  const articles = await db.read('load.articles', 'MATCH (a:Article) RETURN a.id AS id ORDER BY a.publishedAt DESC, id LIMIT $n', {
    n: neo4j.int(PICK_COUNT),
  });
  if (speakers.length < 2 || articles.length < 2) throw new Error('the loaded graph has too few speakers or articles to pick targets from');
  return {
    speakers: speakers.map((r) => ({ id: String(r.id), name: String(r.name) })),
    articles: articles.map((r) => String(r.id)),
  };
}

const pick = <T>(rng: () => number, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;

/** A half-remembered name: one letter of its longest word replaced, as search promises to forgive. */
function typo(name: string, rng: () => number): string {
  const words = name.split(' ');
  const i = words.reduce((best, w, k) => (w.length > words[best]!.length ? k : best), 0);
  const word = words[i]!;
  const at = 1 + Math.floor(rng() * Math.max(1, word.length - 1));
  words[i] = word.slice(0, at) + (word[at] === 'e' ? 'a' : 'e') + word.slice(at + 1);
  return words.join(' ');
}

const KINDS = ['CLAIM', 'ALLEGATION', 'DENIAL', 'CONFIRMATION', 'DEMAND', 'OPINION', 'OTHER'];

const fixed = (key: string, query: string): Operation => ({ key, write: false, next: () => ({ query }) });

/** The read operations, in the README's order. */
export function readOperations(picks: Picks): Operation[] {
  const speaker = (rng: () => number) => pick(rng, picks.speakers);
  return [
    fixed(
      'q1 said about Shehbaz',
      `{ person(id: "person:shehbaz-sharif") { statementsAbout { edges { node { text kind saidOn speaker { name } reportedIn { title source { name } } } } } } }`,
    ),
    fixed(
      'q2 Imran on a day',
      `{ statements(filter: { speaker: "person:imran-khan", from: "2022-09-28", to: "2022-09-28" }, first: 50) {
         totalCount edges { node { text kind quote saidOn about { name } responses { text speaker { name } } } } } }`,
    ),
    fixed(
      'q3 roles at the time',
      `{ azam: person(id: "person:azam-khan") { affiliations(at: "2021-06-01") { role organisation { name } } }
         imran: person(id: "person:imran-khan") { affiliations(at: "2022-09-28") { role since organisation { name } } } }`,
    ),
    fixed(
      'q4 Kokab Zuberi',
      `{ person(id: "person:kokab-zuberi") { affiliations { role organisation { name } } statements { edges { node { text quote reportedIn { source { name } } } } } } }`,
    ),
    fixed(
      'q5 PMO concern',
      `{ organisation(id: "organisation:prime-ministers-office") { statementsAbout { edges { node { text speaker { name } responses { kind text speaker { name } } } } } } }`,
    ),
    {
      key: 'search',
      write: false,
      next: (rng) => ({
        query: `query Search($q: String!) { search(query: $q, types: [PERSON, STATEMENT], first: 5) { score node { id ... on Statement { text } ... on Person { name } } } }`,
        variables: { q: typo(speaker(rng).name, rng) },
      }),
    },
    {
      key: 'timeline',
      write: false,
      next: (rng) => ({
        query: `query Timeline($id: ID!, $role: TimelineRole) { timeline(entity: $id, role: $role) {
          edges { date role article { title } node { kind text speaker { name } speakerRoles { role organisation { name } } } } } }`,
        variables: { id: speaker(rng).id, role: pick(rng, ['BY', 'ABOUT', 'ANY']) },
      }),
    },
    {
      key: 'paths',
      write: false,
      next: (rng) => ({
        query: `query Paths($from: ID!, $to: ID!) { paths(from: $from, to: $to, maxHops: 4, first: 3) {
          length steps { relationship direction node { __typename id ... on Entity { name } ... on Statement { text } } } } }`,
        variables: (() => {
          // Two different people: from = to is refused as bad input.
          const from = speaker(rng);
          const others = picks.speakers.filter((p) => p.id !== from.id);
          return { from: from.id, to: pick(rng, others).id };
        })(),
      }),
    },
    {
      key: 'network',
      write: false,
      next: (rng) => ({
        query: `query Network($id: ID!) { person(id: $id) { network(first: 10) { weight coMentions statementsBy statementsAbout firstSeen lastSeen entity { name } } } }`,
        variables: { id: speaker(rng).id },
      }),
    },
    {
      key: 'related',
      write: false,
      next: (rng) => ({
        query: `query Related($id: ID!) { article(id: $id) { related(first: 5) { score article { title publishedAt } sharedEntities { name } sharedStatements { text } } } }`,
        variables: { id: pick(rng, picks.articles) },
      }),
    },
    {
      key: 'statements filter',
      write: false,
      next: (rng) => ({
        query: `query Filter($speaker: ID!, $kinds: [StatementKind!], $quote: Boolean) {
          statements(filter: { speaker: $speaker, kinds: $kinds, quote: $quote, from: "2022-01-01", to: "2022-12-31" }, first: 20) {
            totalCount edges { node { text kind quote saidOn about { name } } } } }`,
        variables: { speaker: speaker(rng).id, kinds: KINDS.filter(() => rng() < 0.5), quote: rng() < 0.5 },
      }),
    },
    {
      key: 'statements text',
      write: false,
      next: (rng) => ({
        query: `query Text($text: String!) { statements(filter: { text: $text }, first: 20) { totalCount edges { node { text speaker { name } } } } }`,
        // A surname: the generated statements name the people they are about.
        variables: { text: speaker(rng).name.split(' ').at(-1) },
      }),
    },
  ];
}

/**
 * ingestArticle with the next unused document. Once all are used, they come round again as other articles (a
 * changed url and title), whose statements then match the existing ones.
 */
export function ingestOperation(documents: readonly ArticleDocument[]): Operation {
  let sent = 0;
  return {
    key: 'ingestArticle',
    write: true,
    next: () => {
      const round = Math.floor(sent / documents.length);
      const doc = documents[sent++ % documents.length]!;
      const input = round === 0 ? doc : { ...doc, title: `${doc.title} (${round + 1})`, ...(doc.url ? { url: `${doc.url}?round=${round + 1}` } : {}) };
      return {
        query: `mutation Ingest($input: ArticleInput!) { ingestArticle(input: $input) {
          outcome article { id statements { totalCount } } entities { outcome } statements { outcome } } }`,
        variables: { input },
      };
    },
  };
}
