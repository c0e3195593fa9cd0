import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm run ingest -- …` as an operator would, against the given database, from the folder `cwd`. */
export function runIngest(args: string[], env: { NEO4J_URI: string; cwd: string }): Promise<CliRun> & { pid: () => number | undefined } {
  return runScript(['src/ingest/cli.ts', 'ingest', ...args], env);
}

/** Runs `npm run check:graph` against the given database. */
export function runCheck(env: { NEO4J_URI: string }): Promise<CliRun> {
  return runScript(['src/graph/check-cli.ts'], { ...env, cwd: ROOT });
}

function runScript(args: string[], env: { NEO4J_URI: string; cwd: string }): Promise<CliRun> & { pid: () => number | undefined } {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: ROOT,
    env: { ...process.env, NEO4J_URI: env.NEO4J_URI, INIT_CWD: env.cwd },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const done = new Promise<CliRun>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return Object.assign(done, { pid: () => child.pid });
}
