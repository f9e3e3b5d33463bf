/**
 * CPU seconds each process of the run spent during a section (Linux, from /proc): the gateway, the
 * producers, the responder, nats-server, the local postgres processes that work for the benchmark's
 * database (its connections, and the server's own writers and vacuum) and this benchmark process. On a
 * machine where all of them share two cores, that split says where a section's time goes.
 */
import { readdirSync, readFileSync } from 'node:fs';

export type CpuSeconds = Record<string, number>;

/**
 * A backend serving a connection titles itself `postgres: [CLUSTER: ]USER DATABASE HOST(PORT) STATE`
 * (Debian names the cluster, `15/main: `).
 */
const CONNECTION = /^postgres: (?:\S+: )?\S+ (\S+) (?:\S+\(\d+\)|\[local\])/;

export class CpuMeter {
  /**
   * Processes by the name they are reported under. Postgres processes are found at each reading;
   * connections to other databases (someone else's tests on the same server) are left out.
   */
  constructor(
    private readonly processes: Record<string, number | undefined>,
    private readonly database: string,
  ) {}

  /** Starts counting; the returned function gives the CPU seconds spent since, by name. */
  start(): () => CpuSeconds {
    const before = this.read();
    return () => {
      const after = this.read();
      const spent: CpuSeconds = {};
      for (const [name, pids] of after) {
        let seconds = 0;
        for (const [pid, total] of pids) seconds += total - (before.get(name)?.get(pid) ?? 0);
        spent[name] = seconds;
      }
      return spent;
    };
  }

  private read(): Map<string, Map<number, number>> {
    const readings = new Map<string, Map<number, number>>();
    for (const [name, pid] of Object.entries(this.processes)) {
      const seconds = pid === undefined ? undefined : processCpu(pid);
      if (seconds !== undefined) readings.set(name, new Map([[pid!, seconds]]));
    }
    const own = process.cpuUsage();
    readings.set('bench', new Map([[process.pid, (own.user + own.system) / 1e6]]));
    const postgres = new Map<number, number>();
    const ours = (command: string, line: string) =>
      command === 'postgres' && (CONNECTION.exec(line)?.[1] ?? this.database) === this.database;
    for (const pid of findPids(ours)) {
      const seconds = processCpu(pid);
      if (seconds !== undefined) postgres.set(pid, seconds);
    }
    if (postgres.size > 0) readings.set('postgres', postgres);
    return readings;
  }
}

/** Pids of the processes whose command name (and, optionally, command line) match. */
export function findPids(match: (command: string, commandLine: string) => boolean): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  return entries
    .filter((pid) => {
      try {
        const command = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
        return match(command, readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' '));
      } catch {
        return false; // it ended between the listing and the read
      }
    })
    .map(Number);
}

/** User plus system CPU seconds of one process so far; undefined when it is gone or /proc is not there. */
function processCpu(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // After the command in parentheses: state is field 3, utime and stime are fields 14 and 15 (USER_HZ = 100).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/** The pid of a private nats-server (test/support/test-nats.ts), found by the port it was started on. */
export function natsServerPid(nats: { url: string }): number | undefined {
  const port = new URL(nats.url).port;
  return findPids((command, line) => command === 'nats-server' && line.includes(` -p ${port}`))[0];
}
