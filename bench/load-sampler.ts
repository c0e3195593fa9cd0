import fs from 'node:fs/promises';
import type { Phase, ProcessSample, Usage } from './load-report.js';

/** Resident memory and CPU of the server and of Neo4j, read from /proc every second. */

const INTERVAL_MS = 1_000;
/** /proc/<pid>/stat counts CPU time in USER_HZ ticks, 100 per second on Linux. */
const TICKS_PER_SECOND = 100;
const PROGRESS_EVERY_S = 10;

type Named = Record<'server' | 'neo4j', number>;

export interface Sampler {
  phase: Phase;
  samples: ProcessSample[];
  stop: () => void;
}

/** Samples until stopped; `tick` runs after each sample (the caller checks on the server there). */
export function sampleProcesses(pids: Named, tick: (phase: Phase) => void): Sampler {
  const started = performance.now();
  const previous = new Map<string, { at: number; cpu: number }>();
  const usage = async (name: string, pid: number): Promise<Usage | undefined> => {
    if (!Number.isInteger(pid)) return undefined;
    const read = await processUsage(pid);
    if (!read) return undefined;
    const at = performance.now();
    const before = previous.get(name);
    previous.set(name, { at, cpu: read.cpuSeconds });
    const cpuPercent = before ? Math.round(((read.cpuSeconds - before.cpu) / ((at - before.at) / 1000)) * 100) : undefined;
    return { rssMiB: read.rssMiB, cpuPercent };
  };
  const sampler: Sampler = { phase: 'before', samples: [], stop: () => clearInterval(timer) };
  const timer = setInterval(async () => {
    const t = Math.round((performance.now() - started) / 100) / 10;
    const [server, neo4j] = await Promise.all([usage('server', pids.server), usage('neo4j', pids.neo4j)]);
    sampler.samples.push({ t, phase: sampler.phase, server, neo4j });
    if (Math.round(t) % PROGRESS_EVERY_S === 0) {
      const show = (u: Usage | undefined) => (u ? `${u.rssMiB.toFixed(0)} MiB, CPU ${u.cpuPercent ?? '?'} %` : 'gone');
      process.stderr.write(`  ${sampler.phase} t=${Math.round(t)} s: server ${show(server)}; Neo4j ${show(neo4j)}\n`);
    }
    tick(sampler.phase);
  }, INTERVAL_MS);
  return sampler;
}

/** RSS (MiB, to 0.1) and CPU time used so far (user + system, s); undefined once the process is gone. */
export async function processUsage(pid: number): Promise<{ rssMiB: number; cpuSeconds: number } | undefined> {
  const [status, stat] = await Promise.all([fs.readFile(`/proc/${pid}/status`, 'utf8'), fs.readFile(`/proc/${pid}/stat`, 'utf8')]).catch(() => []);
  const kb = status && /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
  if (!kb || !stat) return undefined;
  // Fields after the command name, which may itself hold spaces: state is the first, utime the 12th, stime the 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { rssMiB: Math.round(Number(kb) / 102.4) / 10, cpuSeconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND };
}
