/**
 * One service of `npm start` as a child process with an IPC channel (how it learns that the launcher is
 * gone, even by SIGKILL: it then stops). In the demo its output goes to a log file and the terminal
 * shows only the launcher's lines; with the hub alone it writes to the launcher's stdout and stderr, as
 * a deployment's log collector wants.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { SERVICE_NODE_ARGS } from '../common/runtime/service-node-args.js';

export interface ServiceSpec {
  /** As the launcher names it: gateway, mqtt bridge, ... */
  name: string;
  /** The built entry point, relative to dist/services. */
  main: string;
  env?: NodeJS.ProcessEnv;
  args?: string[];
}

export function startService(
  spec: ServiceSpec,
  servicesDir: string,
  logDir: string | undefined,
): { child: ChildProcess; logFile?: string } {
  const logFile = logDir ? path.join(logDir, `${spec.name.replace(/\s+/g, '-')}.log`) : undefined;
  const child = spawn(
    process.execPath,
    [...SERVICE_NODE_ARGS, path.join(servicesDir, spec.main), ...(spec.args ?? [])],
    {
      env: { ...process.env, ...spec.env },
      stdio: logFile ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['inherit', 'inherit', 'inherit', 'ipc'],
      // Its own process group: Ctrl-C reaches the launcher only, which stops the services in order.
      detached: logFile !== undefined,
    },
  );
  if (logFile) {
    mkdirSync(path.dirname(logFile), { recursive: true });
    const log = createWriteStream(logFile, { flags: 'a' });
    child.stdout!.pipe(log, { end: false });
    child.stderr!.pipe(log, { end: false });
  }
  return { child, logFile };
}
