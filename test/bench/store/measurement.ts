/**
 * Times one section of the benchmark: wall clock, this Node process's CPU and, when the server runs on
 * this machine (Linux), the CPU of its postgres processes, read from /proc. On a machine where Node and
 * PostgreSQL share the cores, that split says which side a section is waiting for.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

export interface Measurement {
  label: string;
  count: number;
  seconds: number;
  perSecond: number;
  nodeCpuSeconds: number;
  /** CPU of the local postgres processes during the section; undefined when there are none to see. */
  postgresCpuSeconds: number | undefined;
  notes: string[];
}

export async function measure(
  label: string,
  work: () => Promise<{ count: number; notes?: string[] }>,
): Promise<Measurement> {
  const postgresBefore = postgresCpu();
  const nodeBefore = process.cpuUsage();
  const started = performance.now();
  const { count, notes = [] } = await work();
  const seconds = (performance.now() - started) / 1000;
  const node = process.cpuUsage(nodeBefore);
  const postgresAfter = postgresCpu();
  return {
    label,
    count,
    seconds,
    perSecond: count / seconds,
    nodeCpuSeconds: (node.user + node.system) / 1e6,
    postgresCpuSeconds: postgresCpuBetween(postgresBefore, postgresAfter),
    notes,
  };
}

export function describeMeasurement(m: Measurement): string {
  const cpu =
    `cpu: node ${m.nodeCpuSeconds.toFixed(1)} s` +
    (m.postgresCpuSeconds === undefined ? '' : `, postgres ${m.postgresCpuSeconds.toFixed(1)} s`);
  return [
    `${m.label.padEnd(28)} ${grouped(m.count).padStart(9)} events in ${m.seconds.toFixed(2).padStart(6)} s`,
    `${grouped(Math.round(m.perSecond)).padStart(9)} events/s`,
    cpu,
    ...m.notes,
  ].join('  |  ');
}

export function grouped(n: number): string {
  return n.toLocaleString('en-US');
}

/** CPU seconds of every postgres process by pid (backends, WAL writer, checkpointer...). */
function postgresCpu(): Map<number, number> | undefined {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  const cpu = new Map<number, number>();
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      if (stat.slice(stat.indexOf('(') + 1, close) !== 'postgres') continue;
      // Fields after the command: state is field 3, utime and stime are fields 14 and 15 (USER_HZ = 100).
      const fields = stat.slice(close + 2).split(' ');
      cpu.set(Number(pid), (Number(fields[11]) + Number(fields[12])) / 100);
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return cpu.size > 0 ? cpu : undefined;
}

/** Processes that ended during the section are lost; the benchmark's connections live throughout it. */
function postgresCpuBetween(
  before: Map<number, number> | undefined,
  after: Map<number, number> | undefined,
): number | undefined {
  if (!before || !after) return undefined;
  let seconds = 0;
  for (const [pid, total] of after) seconds += total - (before.get(pid) ?? 0);
  return seconds;
}
