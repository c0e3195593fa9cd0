// Runs Neo4j Community as a plain Java process for development and tests: the jars
// come from Maven Central (neo4j/pom.xml), each instance lives in its own directory.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, openSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import neo4j, { type AuthToken } from 'neo4j-driver';
import { PROJECT_ROOT } from '../src/common/root.js';

export interface LocalNeo4jOptions {
  port: number;
  dir: string;
  heap?: string;
  pageCache?: string;
  /** The memory one transaction may hold (db.memory.transaction.max), default 256m. */
  transactionMemory?: string;
}

const POM = path.join(PROJECT_ROOT, 'neo4j', 'pom.xml');
const LIB_DIR = path.join(PROJECT_ROOT, '.neo4j', 'lib');
// Written only after Maven succeeded, so an interrupted fetch is redone next time.
const LIB_MARKER = path.join(LIB_DIR, '.fetched-version');
const DEFAULT_HEAP = '1g';
const DEFAULT_PAGE_CACHE = '256m';
// Below these the local instance's own bounds (256 MiB per transaction, 5/8 of the heap for all) leave it nothing
// to work with, or Neo4j does not start.
const MIN_HEAP = '1g';
const MIN_PAGE_CACHE = '64m';
const HEAP_SETTING = 'server.memory.heap.max_size';
const PAGE_CACHE_SETTING = 'server.memory.pagecache.size';
const DEFAULT_TRANSACTION_MEMORY = '256m';
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 60_000;

// What Neo4j's own launcher adds on Java 17/21. Without the add-opens the page cache
// falls back to slower buffer handling and transaction-log preallocation/fadvise fail.
// The -XX flags are those of Neo4j's default neo4j.conf (server.jvm.additional), which its start script passes
// and this launcher, starting the JVM itself, used to leave out. Trusting final fields lets the JIT fold Neo4j's
// many final references; the heap is touched once at start rather than page by page under load. Measured on
// bulk loads (3,000 articles, three rounds each, alternating): 16.4 against 20.2 s of Neo4j CPU at the median.
const JVM_FLAGS = [
  '-Dfile.encoding=UTF-8',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--enable-native-access=ALL-UNNAMED',
  '-XX:+UseG1GC',
  '-XX:-OmitStackTraceInFastThrow',
  '-XX:+AlwaysPreTouch',
  '-XX:+UnlockExperimentalVMOptions',
  '-XX:+TrustFinalNonStaticFields',
  '-XX:+DisableExplicitGC',
  '-Djdk.nio.maxCachedBufferSize=1024',
];

export function localOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): LocalNeo4jOptions {
  const port = Number(env.LOCAL_NEO4J_BOLT_PORT || 7687);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`LOCAL_NEO4J_BOLT_PORT must be a TCP port, got '${env.LOCAL_NEO4J_BOLT_PORT}'`);
  }
  const dir = env.LOCAL_NEO4J_DIR || path.join(PROJECT_ROOT, '.neo4j', `instance-${port}`);
  return {
    port,
    dir: path.resolve(dir),
    heap: memorySize(env, 'LOCAL_NEO4J_HEAP', DEFAULT_HEAP, MIN_HEAP),
    pageCache: memorySize(env, 'LOCAL_NEO4J_PAGE_CACHE', DEFAULT_PAGE_CACHE, MIN_PAGE_CACHE),
  };
}

/** The memory size in `env[name]` as Neo4j's settings take it (a whole number of k, m or g), at least `min`. */
function memorySize(env: NodeJS.ProcessEnv, name: string, fallback: string, min: string): string {
  const raw = env[name]?.trim() || fallback;
  const bytes = bytesOf(raw);
  if (bytes === undefined) throw new Error(`${name} must be a size such as 512m or 4g, got '${env[name]}'`);
  if (bytes < bytesOf(min)!) throw new Error(`${name} must be at least ${min}, got '${env[name]}'`);
  return raw.toLowerCase();
}

const UNITS = { k: 2 ** 10, m: 2 ** 20, g: 2 ** 30 } as const;

function bytesOf(size: string): number | undefined {
  const match = /^([1-9][0-9]{0,6})([kmg])$/i.exec(size);
  return match ? Number(match[1]) * UNITS[match[2]!.toLowerCase() as keyof typeof UNITS] : undefined;
}

export async function ensureNeo4jJars(): Promise<string> {
  const version = await pomNeo4jVersion();
  const fetched = await fs.readFile(LIB_MARKER, 'utf8').catch(() => undefined);
  if (fetched?.trim() === version) return LIB_DIR;

  // Start from an empty folder so jars of another version never end up on the classpath.
  await fs.rm(LIB_DIR, { recursive: true, force: true });
  process.stderr.write(`Fetching Neo4j ${version} jars with Maven (one-off, ~125 MB)...\n`);
  const started = Date.now();
  await runMaven(['-q', '-B', '-f', POM, 'package', `-Dneo4j.lib.dir=${LIB_DIR}`]);
  await fs.writeFile(LIB_MARKER, `${version}\n`);
  process.stderr.write(`Fetched Neo4j ${version} jars in ${seconds(Date.now() - started)}.\n`);
  return LIB_DIR;
}

/**
 * Starts the instance, or finds it running; `timeoutMs` bounds the wait for it to answer. Found running, it keeps
 * the memory it was started with: `memoryKept` then says which of the sizes asked for differ, and what it has.
 */
export async function startNeo4j(
  options: LocalNeo4jOptions,
  timeoutMs = START_TIMEOUT_MS,
): Promise<{ uri: string; alreadyRunning: boolean; memoryKept?: string }> {
  const opts = withDefaults(options);
  const uri = boltUri(opts.port);
  const pid = await livePid(opts.dir);
  if (pid !== undefined) {
    // Alive but not answering yet usually means another start is still in progress.
    await waitForBolt(uri, timeoutMs);
    return { uri, alreadyRunning: true, memoryKept: await memoryKept(opts) };
  }
  // Otherwise we would mistake whatever listens there for our instance.
  if (await portInUse(opts.port)) {
    throw new Error(`Port ${opts.port} is already in use by a process not started from ${opts.dir}`);
  }

  const lib = await ensureNeo4jJars();
  await writeConfig(opts);
  const child = await spawnNeo4j(opts, lib);
  await fs.writeFile(pidFile(opts.dir), `${child.pid}\n`);
  await waitForStartup(child, opts, uri, timeoutMs);
  return { uri, alreadyRunning: false };
}

export async function stopNeo4j(opts: LocalNeo4jOptions): Promise<boolean> {
  const dir = path.resolve(opts.dir);
  const pid = await livePid(dir);
  if (pid !== undefined) {
    process.kill(pid, 'SIGTERM');
    if (!(await waitForExit(pid, dir, STOP_TIMEOUT_MS))) {
      process.kill(pid, 'SIGKILL');
      await waitForExit(pid, dir, 10_000);
    }
  }
  await fs.rm(pidFile(dir), { force: true });
  return pid !== undefined;
}

export async function neo4jStatus(opts: LocalNeo4jOptions): Promise<{ running: boolean; pid?: number; uri: string }> {
  const uri = boltUri(opts.port);
  const pid = await livePid(path.resolve(opts.dir));
  if (pid === undefined) return { running: false, uri };
  return { running: await boltAnswers(uri), pid, uri };
}

export async function waitForBolt(uri: string, timeoutMs: number, auth?: AuthToken, signal?: AbortSignal): Promise<void> {
  const driver = neo4j.driver(uri, auth, { connectionTimeout: 2_000 });
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      signal?.throwIfAborted();
      try {
        await driver.verifyConnectivity();
        return;
      } catch (err) {
        if (Date.now() >= deadline) {
          throw new Error(`Neo4j did not answer on ${uri} within ${seconds(timeoutMs)}: ${(err as Error).message}`);
        }
      }
      await sleep(250, undefined, { signal });
    }
  } finally {
    await driver.close();
  }
}

/** The sizes `opts` asks for that the running instance's configuration (written when it started) differs from. */
async function memoryKept(opts: Required<LocalNeo4jOptions>): Promise<string | undefined> {
  const conf = await fs.readFile(path.join(opts.dir, 'conf', 'neo4j.conf'), 'utf8').catch(() => '');
  const setting = (name: string) => conf.split('\n').find((line) => line.startsWith(`${name}=`))?.slice(name.length + 1);
  const sizes = [
    ['heap', HEAP_SETTING, opts.heap],
    ['page cache', PAGE_CACHE_SETTING, opts.pageCache],
  ] as const;
  const kept = sizes.flatMap(([what, name, asked]) => {
    const running = setting(name);
    return running && bytesOf(running) !== bytesOf(asked) ? [`${what} ${running} (not ${asked})`] : [];
  });
  return kept.length ? `it runs with the memory it was started with: ${kept.join(', ')}; stop it first (npm run db:stop) to change it` : undefined;
}

function withDefaults(opts: LocalNeo4jOptions): Required<LocalNeo4jOptions> {
  return {
    port: opts.port,
    dir: path.resolve(opts.dir),
    heap: opts.heap ?? DEFAULT_HEAP,
    pageCache: opts.pageCache ?? DEFAULT_PAGE_CACHE,
    transactionMemory: opts.transactionMemory ?? DEFAULT_TRANSACTION_MEMORY,
  };
}

export function boltUri(port: number): string {
  return `bolt://127.0.0.1:${port}`;
}

function pidFile(dir: string): string {
  return path.join(dir, 'neo4j.pid');
}

function consoleLog(dir: string): string {
  return path.join(dir, 'logs', 'console.log');
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

async function pomNeo4jVersion(): Promise<string> {
  const match = /<neo4j\.version>([^<]+)<\/neo4j\.version>/.exec(await fs.readFile(POM, 'utf8'));
  if (!match?.[1]) throw new Error(`No <neo4j.version> property in ${POM}`);
  return match[1];
}

async function runMaven(args: string[]): Promise<void> {
  try {
    await promisify(execFile)('mvn', args, { cwd: PROJECT_ROOT, maxBuffer: 64 * 1024 * 1024 });
  } catch (err) {
    const { stdout = '', stderr = '', message } = err as { stdout?: string; stderr?: string; message: string };
    // Maven 3.8 emits colour resets even in batch mode; they only garble the error text.
    process.stderr.write(`${stdout}${stderr}`.replace(/\x1b\[[0-9;]*m/g, ''));
    throw new Error(`Fetching the Neo4j jars with Maven failed: ${message.split('\n')[0]}`);
  }
}

// A pid from the file only counts if that process is still a Neo4j serving `dir`:
// pids get reused, and an exited child may linger as a zombie.
async function livePid(dir: string): Promise<number | undefined> {
  const pid = Number.parseInt(await fs.readFile(pidFile(dir), 'utf8').catch(() => ''), 10);
  if (!Number.isInteger(pid)) return undefined;
  return (await isNeo4jServing(pid, dir)) ? pid : undefined;
}

async function isNeo4jServing(pid: number, dir: string): Promise<boolean> {
  try {
    // -ww: never truncate, the home dir comes after the long classpath.
    const { stdout } = await promisify(execFile)('ps', ['-ww', '-o', 'args=', '-p', String(pid)]);
    return stdout.includes(`--home-dir=${dir} `);
  } catch {
    return false; // ps exits non-zero when the pid does not exist
  }
}

async function waitForExit(pid: number, dir: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!(await isNeo4jServing(pid, dir))) return true;
    await sleep(200);
  }
  return false;
}

function boltAnswers(uri: string): Promise<boolean> {
  return waitForBolt(uri, 0).then(
    () => true,
    () => false,
  );
}

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function writeConfig(opts: Required<LocalNeo4jOptions>): Promise<void> {
  const { dir, port, heap } = opts;
  const settings = [
    // Only loopback is bound, which is what makes running without auth acceptable.
    'server.default_listen_address=127.0.0.1',
    'server.default_advertised_address=127.0.0.1',
    `server.bolt.listen_address=127.0.0.1:${port}`,
    `server.bolt.advertised_address=127.0.0.1:${port}`,
    // Bolt is the only port Community opens once HTTP(S) is off, so instances on
    // different Bolt ports never collide.
    'server.http.enabled=false',
    'server.https.enabled=false',
    'dbms.security.auth_enabled=false',
    'dbms.usage_report.enabled=false',
    `server.memory.heap.initial_size=${heap}`,
    `${HEAP_SETTING}=${heap}`,
    `${PAGE_CACHE_SETTING}=${opts.pageCache}`,
    `server.directories.data=${path.join(dir, 'data')}`,
    `server.directories.logs=${path.join(dir, 'logs')}`,
    `server.directories.run=${path.join(dir, 'run')}`,
    `server.directories.plugins=${path.join(dir, 'plugins')}`,
    `server.directories.import=${path.join(dir, 'import')}`,
    // Transaction logs are preallocated at rotation size (256 MB per database by default).
    'db.tx_log.rotation.size=16M',
    'db.tx_log.rotation.retention_policy=1 files',
    // Netty otherwise idles 5 s per Bolt connector before exiting, doubling stop time.
    'internal.dbms.bolt.netty_server_shutdown_quiet_period=0',
    // Bounds on what any one client can hold, so nothing keeps running after its client got an error. The API
    // gives every transaction its own timeout; this one catches transactions started without (schema, tools).
    'db.transaction.timeout=10m',
    // Past this a lock wait fails (a transient error the API retries, then reports as WRITE_CONFLICT) instead of
    // queueing writers behind one another until their own timeouts.
    'db.lock.acquisition.timeout=10s',
    // Per transaction, and for all transactions together, out of the heap (640 MiB of the default 1 GiB): one
    // heavy query fails alone instead of starving the others or the database.
    `db.memory.transaction.max=${opts.transactionMemory}`,
    `dbms.memory.transaction.total.max=${Math.floor((bytesOf(heap)! * 5) / 8 / UNITS.m)}m`,
  ];
  await fs.mkdir(path.join(dir, 'conf'), { recursive: true });
  await fs.mkdir(path.join(dir, 'logs'), { recursive: true });
  await fs.writeFile(path.join(dir, 'conf', 'neo4j.conf'), `${settings.join('\n')}\n`);
}

async function spawnNeo4j({ dir, heap }: Required<LocalNeo4jOptions>, lib: string): Promise<ChildProcess> {
  const java = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
  const args = [
    `-Xms${heap}`,
    `-Xmx${heap}`,
    ...JVM_FLAGS,
    '-cp',
    path.join(lib, '*'),
    'org.neo4j.server.CommunityEntryPoint',
    `--home-dir=${dir}`,
    `--config-dir=${path.join(dir, 'conf')}`,
    '--console-mode',
  ];
  const log = openSync(consoleLog(dir), 'a');
  try {
    // Detached in its own process group so it outlives the CLI / test runner that started it.
    const child = spawn(java, args, { cwd: dir, detached: true, stdio: ['ignore', log, log] });
    await once(child, 'spawn').catch((err: Error) => {
      throw new Error(`Cannot run ${java} (Neo4j needs Java 17 or 21; set JAVA_HOME or PATH): ${err.message}`);
    });
    child.unref();
    return child;
  } finally {
    closeSync(log);
  }
}

async function waitForStartup(child: ChildProcess, opts: LocalNeo4jOptions, uri: string, timeoutMs: number): Promise<void> {
  const died = new AbortController();
  const onExit = () => died.abort();
  child.once('exit', onExit);
  // A JVM rejecting its options can exit before the listener above was attached.
  if (child.exitCode !== null || child.signalCode !== null) died.abort();
  try {
    await waitForBolt(uri, timeoutMs, undefined, died.signal);
  } catch (err) {
    // Leave nothing half-started behind, so the next start begins from a clean slate.
    if (died.signal.aborted) await fs.rm(pidFile(opts.dir), { force: true });
    else await stopNeo4j(opts);
    const reason = died.signal.aborted ? `exited with ${child.exitCode ?? child.signalCode}` : (err as Error).message;
    throw new Error(`Neo4j failed to start (${reason}). Last lines of ${consoleLog(opts.dir)}:\n${await tail(consoleLog(opts.dir))}`);
  } finally {
    child.off('exit', onExit);
  }
}

async function tail(file: string, lines = 30): Promise<string> {
  const text = await fs.readFile(file, 'utf8').catch(() => '');
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}
