import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { SERVER_ENTRY } from '../../scripts/build-server.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The real server as its own process, compiled and run as `npm start` runs it. */
export interface ServerProcess {
  child: ChildProcess;
  port: number;
  /** Everything written so far to stdout and stderr. */
  output(): string;
  /** Resolves once `text` has been written, or fails after `timeoutMs`. */
  waitFor(text: string, timeoutMs: number): Promise<void>;
  /** The exit code, once the process has ended. */
  exited: Promise<number | null>;
  graphql(query: string, variables?: Record<string, unknown>, token?: string): Promise<{ status: number; body: any; ms: number }>;
  get(path: string): Promise<{ status: number; body: any }>;
  /** SIGKILL if still running (test cleanup). */
  kill(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

export async function startServer(env: Record<string, string>): Promise<ServerProcess> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  // Compiled by the test run's global setup, as `npm start` compiles it (scripts/build-server.ts).
  const child = spawn(process.execPath, [SERVER_ENTRY], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env, PORT: String(port) },
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const base = `http://127.0.0.1:${port}`;
  return {
    child,
    port,
    output: () => output,
    exited,
    async waitFor(text, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (!output.includes(text)) {
        if (Date.now() > deadline) throw new Error(`server did not print "${text}" within ${timeoutMs} ms; it printed:\n${output}`);
        if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before printing "${text}":\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async graphql(query, variables, token) {
      const started = performance.now();
      const response = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const body = await response.json();
      return { status: response.status, body, ms: performance.now() - started };
    },
    async get(path) {
      const response = await fetch(`${base}${path}`);
      return { status: response.status, body: await response.json() };
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}
