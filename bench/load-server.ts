import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildServer } from '../scripts/build-server.js';

/** The real server as its own process, the way production runs it (`npm start`): compiled, `node .build/src/main.js`. */

export interface ServerProcess {
  pid: number;
  url: string;
  /** Where its stdout and stderr go. */
  logFile: string;
  /** Set once the process has exited. */
  exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  /** SIGTERM, then SIGKILL after `graceMs`; how it ended. Safe to call more than once. */
  stop: (graceMs: number) => Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number; killed: boolean }>;
}

export interface ServerOptions {
  cwd: string;
  env: Record<string, string>;
  logFile: string;
  /** Node's arguments: the script and its own; the compiled server (built first) when absent. */
  args?: string[];
}

const READY_POLL_MS = 250;

/** A port nobody listens on right now (the kernel picks it). */
export async function freePort(): Promise<number> {
  const probe = net.createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as net.AddressInfo;
  probe.close();
  await once(probe, 'close');
  return port;
}

/** Starts the server (or another script answering GET /ready); `waitReady` then waits for it to answer. */
export async function spawnServer(options: ServerOptions): Promise<ServerProcess> {
  const port = Number(options.env.PORT);
  const log = createWriteStream(options.logFile);
  await once(log, 'open');
  const child = spawn(process.execPath, options.args ?? [buildServer()], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', log, log],
  });
  await once(child, 'spawn');
  const server: ServerProcess = {
    pid: child.pid!,
    url: `http://127.0.0.1:${port}`,
    logFile: options.logFile,
    exit: undefined,
    stop: (graceMs) => stop(graceMs),
  };
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      server.exit = { code, signal };
      log.end();
      resolve();
    }),
  );
  const stop = stopper(child, exited, () => server.exit);
  return server;
}

export async function waitReady(server: ServerProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (server.exit) {
      throw new Error(`the server exited (code ${server.exit.code}, signal ${server.exit.signal}) before it was ready; its output is in ${server.logFile}`);
    }
    try {
      const res = await fetch(`${server.url}/ready`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
      last = `HTTP ${res.status} ${await res.text()}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(READY_POLL_MS);
  }
  throw new Error(`the server was not ready within ${timeoutMs / 1000} s (last: ${last}); its output is in ${server.logFile}`);
}

function stopper(child: ChildProcess, exited: Promise<void>, exit: () => ServerProcess['exit']): ServerProcess['stop'] {
  let stopping: ReturnType<ServerProcess['stop']> | undefined;
  return (graceMs) => {
    stopping ??= (async () => {
      const started = performance.now();
      let killed = false;
      if (!exit()) {
        child.kill('SIGTERM');
        if ((await Promise.race([exited.then(() => 'exited' as const), sleep(graceMs, undefined, { ref: false }).then(() => 'timeout' as const)])) === 'timeout') {
          killed = true;
          child.kill('SIGKILL');
          await exited;
        }
      }
      const ended = exit() ?? { code: null, signal: null };
      return { ...ended, ms: performance.now() - started, killed };
    })();
    return stopping;
  };
}
