/**
 * The hostile requests of issue 7 and more, as sent to POST /graphql, with the answer each must get. Shared by
 * security.test.ts and by anyone measuring how fast they are refused.
 */
export interface Attack {
  name: string;
  /** The raw request body (JSON unless `contentType` says otherwise). */
  body: string;
  status: number;
  code: string;
  /** Refused by an operation limit, so before any database call. */
  refusedBeforeWork: boolean;
}

const times = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join(' ');
const nest = (n: number, open: string, inner: string, close: string) => `${open.repeat(n)}${inner}${close.repeat(n)}`;
const operation = (query: string) => JSON.stringify({ query });

const tooComplex = (name: string, query: string): Attack => ({ name, body: operation(query), status: 400, code: 'QUERY_TOO_COMPLEX', refusedBeforeWork: true });
const badInput = (name: string, query: string): Attack => ({ name, body: operation(query), status: 200, code: 'BAD_USER_INPUT', refusedBeforeWork: false });

/** Fragments that break a Lucene query, a Cypher string or a JSON document when pasted in unescaped. */
export const INJECTIONS = ['") RETURN 1 //', "' OR 1=1 //", '*:*', 'title:x~', '\\', "'", '}', 'x" }) MATCH (n) DETACH DELETE n //'];

const FRAGMENT_FAN_OUT =
  '{ person(id: "person:imran-khan") { ...F29 } } fragment F0 on Person { name } ' +
  times(29, (i) => `fragment F${i + 1} on Person { ...F${i} ...F${i} }`);

export const ATTACKS: Attack[] = [
  tooComplex(
    'interface nesting 30 deep (statementsAbout › about)',
    `{ person(id: "person:imran-khan") { ${nest(30, 'statementsAbout { edges { node { about { ', 'name', ' } } } } ')} } }`,
  ),
  tooComplex('interface nesting 30 deep (network › entity)', `{ person(id: "person:imran-khan") { ${nest(30, 'network { entity { ', 'name', ' } } ')} } }`),
  tooComplex('interface nesting 30 deep, unknown id', `{ person(id: "person:nobody") { ${nest(30, 'network { entity { ', 'name', ' } } ')} } }`),
  tooComplex(
    '100 levels of statements › reportedIn › authors',
    `{ person(id: "person:imran-khan") { ${nest(100, 'statements { edges { node { reportedIn { authors { ', 'name', ' } } } } } ')} } }`,
  ),
  tooComplex('10,000 aliases', `{ ${times(10_000, (i) => `a${i}: __typename`)} }`),
  tooComplex('1,000 directives', `{ person(id: "person:imran-khan") { name ${'@include(if: true) '.repeat(1000)} } }`),
  tooComplex('fragment fan-out to 2^29 fields', FRAGMENT_FAN_OUT),
  tooComplex('11 root fields', `{ ${times(11, (i) => `p${i}: person(id: "person:imran-khan") { name }`)} }`),
  tooComplex(
    'pages of pages (cost)',
    '{ statements(first: 100) { edges { node { about { statementsAbout(first: 100) { edges { node { reportedIn { mentions { name } } } } } } } } } }',
  ),
  {
    name: 'introspection nested 8 deep',
    body: operation(`{ __schema { types { ${nest(8, 'fields { type { ', 'name', ' } } ')} } } }`),
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
    refusedBeforeWork: true,
  },
  {
    name: 'fragment cycle',
    body: operation('{ person(id: "person:imran-khan") { ...A } } fragment A on Person { name ...B } fragment B on Person { ...A }'),
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
    refusedBeforeWork: true,
  },
  {
    name: 'subscription',
    body: operation('subscription { person(id: "person:imran-khan") { name } }'),
    status: 400,
    code: 'BAD_USER_INPUT',
    refusedBeforeWork: true,
  },
  {
    name: '10 MB body',
    body: JSON.stringify({ query: '{ __typename }', padding: 'x'.repeat(10 * 1024 * 1024) }),
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    refusedBeforeWork: true,
  },
  { name: 'malformed JSON', body: '{"query": "{ __typename }"', status: 400, code: 'BAD_REQUEST', refusedBeforeWork: true },
  { name: 'a JSON string, not an object', body: '"{ __typename }"', status: 400, code: 'BAD_REQUEST', refusedBeforeWork: true },
  badInput('forged cursor (statements)', '{ statements(after: "WzFlKzMwOCwieCJd") { totalCount } }'),
  badInput('forged cursor (people)', '{ people(after: "WzFlKzMwOCwieCJd") { totalCount } }'),
  badInput('forged cursor (timeline)', '{ timeline(entity: "person:imran-khan", after: "WzFlKzMwOCwieCJd") { totalCount } }'),
  badInput('forged cursor (statementsAbout)', '{ person(id: "person:shehbaz-sharif") { statementsAbout(after: "WzFlKzMwOCwieCJd") { totalCount } } }'),
  badInput('100 KB search', `{ search(query: "${'audio '.repeat(17_000)}") { score } }`),
  badInput('100 KB single-word search', `{ search(query: "${'a'.repeat(100_000)}") { score } }`),
  badInput('100 KB text filter', `{ statements(filter: { text: "${'leak '.repeat(20_000)}" }) { totalCount } }`),
];
