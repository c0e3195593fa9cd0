// node --import tsx bench/floor-server.ts   (NEO4J_URI, PORT; started by bench/query.ts)
//
// The HTTP floor of the read benchmark: the least an HTTP API over Neo4j can be. Plain node:http, no framework, no
// GraphQL: a POST to /op/<key> runs that operation's hand-written Cypher (bench/raw-queries.ts, shaped by
// bench/query-ops.ts exactly as the raw side is) through its own driver and answers `{"data": …}`. Run in a process
// of its own, like the server, it pays what any API in front of the database pays on this machine (one more
// process and loopback hop, request parsing, JSON out) and nothing else, so the server's latency over the floor's is
// what the GraphQL layer itself costs. PUT /picks sets the entities the operations ask about; GET /ready answers
// once listening.
import http from 'node:http';
import { RawClient } from './query-clients.js';
import { type Operation, operations, type Picks } from './query-ops.js';

const uri = process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7687';
const port = Number(process.env.PORT);
const raw = new RawClient(uri);
let ops = new Map<string, Operation>();

function send(res: http.ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

async function answer(req: http.IncomingMessage, body: string): Promise<[number, string]> {
  if (req.method === 'GET' && req.url === '/ready') return [200, '{"status":"ready"}'];
  if (req.method === 'PUT' && req.url === '/picks') {
    ops = new Map(operations(JSON.parse(body) as Picks).map((op) => [op.key, op]));
    return [200, '{}'];
  }
  const op = req.method === 'POST' && req.url?.startsWith('/op/') ? ops.get(req.url.slice(4)) : undefined;
  if (!op) return [404, `{"errors":[{"message":"no operation at ${req.method} ${req.url}"}]}`];
  return [200, JSON.stringify({ data: await op.raw(raw) })];
}

const server = http.createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    answer(req, Buffer.concat(chunks).toString('utf8')).then(
      ([status, body]) => send(res, status, body),
      (error: unknown) => send(res, 500, JSON.stringify({ errors: [{ message: error instanceof Error ? error.message : String(error) }] })),
    );
  });
});

server.listen(port, '127.0.0.1');
process.once('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  void raw.close().finally(() => process.exit(0));
});
