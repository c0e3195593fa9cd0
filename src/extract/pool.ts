import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import type { Extraction, RawArticle } from './types.js';
import type { WorkerResult } from './worker.js';

export interface ExtractPoolOptions {
  /** Worker threads; default: the machine's available cores. */
  threads?: number;
  /** Articles that may wait for a thread; one more is refused with `ExtractionBusy`. Default: no bound. */
  maxQueue?: number;
}

export interface ExtractPool {
  readonly threads: number;
  /** Rejects with `ExtractionFailed` when extraction fails on this article; other errors mean the pool is broken. */
  extract(raw: RawArticle): Promise<Extraction>;
  /** Lets running extractions finish, then ends the threads. */
  close(): Promise<void>;
}

/** Every thread is busy and the queue is full: try again later. */
export class ExtractionBusy extends Error {
  override name = 'ExtractionBusy';
}

/** Extraction failed on this article (the worker caught it); the pool itself works. */
export class ExtractionFailed extends Error {
  override name = 'ExtractionFailed';
}

// TypeScript run by tsx, or compiled JavaScript run by node (`npm start`, .build/): the worker is the same kind.
const WORKER = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? './worker.ts' : './worker.js', import.meta.url));

/**
 * A pool of threads running `extractArticle`: extraction is CPU-bound and must not hold up the GraphQL event
 * loop or a bulk load. The threads start on the first extraction, and each loads the language model once.
 */
export function createExtractPool(options: ExtractPoolOptions = {}): ExtractPool {
  const threads = Math.max(1, Math.floor(options.threads ?? availableParallelism()));
  let piscina: Piscina<RawArticle, WorkerResult> | undefined;
  return {
    threads,
    async extract(raw) {
      // Every thread is kept for the pool's life: one that ended when idle would load the model again.
      piscina ??= new Piscina({
        filename: WORKER,
        minThreads: threads,
        maxThreads: threads,
        idleTimeout: 2 ** 31 - 1,
        maxQueue: options.maxQueue ?? Infinity,
        execArgv: workerExecArgv(),
      });
      if (piscina.queueSize >= (options.maxQueue ?? Infinity)) throw new ExtractionBusy('every extraction thread is busy');
      const result = await piscina.run(raw);
      if ('failed' in result) throw new ExtractionFailed(result.failed);
      return result.extraction;
    },
    async close() {
      const closing = piscina;
      piscina = undefined;
      await closing?.close();
    },
  };
}

/**
 * Threads that load src/extract/worker.ts, TypeScript, need the tsx loader. Under `node --import tsx` and the
 * tsx CLI the process already has it and threads inherit it; under vitest (or plain node) it is added. The
 * compiled worker needs none.
 */
function workerExecArgv(): string[] {
  if (!WORKER.endsWith('.ts') || process.execArgv.some((arg) => /(^|[=\\/])tsx([\\/]|$)/.test(arg))) return process.execArgv;
  const loader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return [...process.execArgv, '--import', loader];
}

let shared: ExtractPool | undefined;
const SHARED_QUEUE = 32;

/**
 * Extracts one article on the process's shared pool (created on first use), for the GraphQL side. Its queue is
 * bounded: a flood of extraction requests is refused (`ExtractionBusy`) instead of piling up in memory.
 */
export function extractInWorker(raw: RawArticle): Promise<Extraction> {
  shared ??= createExtractPool({ maxQueue: SHARED_QUEUE });
  return shared.extract(raw);
}

/** Ends the shared pool's threads (at shutdown); a later `extractInWorker` starts a new pool. */
export async function closeExtractPool(): Promise<void> {
  const closing = shared;
  shared = undefined;
  await closing?.close();
}
