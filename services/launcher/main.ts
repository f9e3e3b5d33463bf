/**
 * `npm start`: the whole hub on one machine. Checks the servers once (one clear line if one is
 * missing), migrates once, then runs each service as its own process, passes SIGTERM/SIGINT on to
 * them, and exits 0 when they have all stopped. If a service dies on its own, the others are stopped
 * and the launcher exits 1, saying which one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../common/config/config.js';
import { describeError } from '../common/errors/describe-error.js';
import { redactUrl } from '../common/url/redact-url.js';
import { prepareDatabase } from '../common/nest/database/prepare-database.js';
import { preflight } from '../common/nest/preflight/preflight.js';

const SERVICES = ['gateway', 'registry', 'simulation'] as const;
const servicesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function fail(line: string): never {
  process.stderr.write(`dx: ${line}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  const config = loadConfig();
  const problems = await preflight(config);
  if (problems.length > 0) fail(problems.map((p) => p.message).join(' Also: '));
  await prepareDatabase(config.databaseUrl).catch((error: unknown) =>
    fail(`could not prepare the database at ${redactUrl(config.databaseUrl)} (${describeError(error)})`),
  );

  let stopping = false;
  const children = new Map<string, ChildProcess>();
  const stopAll = (signal: NodeJS.Signals) => {
    stopping = true;
    for (const child of children.values()) if (child.exitCode === null) child.kill(signal);
  };
  for (const name of SERVICES) {
    // The IPC channel is how a service learns that the launcher is gone (even by SIGKILL): it then stops.
    const child = spawn(process.execPath, [path.join(servicesDir, name, 'main.js')], {
      stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    });
    children.set(name, child);
    child.on('exit', (code, signal) => {
      children.delete(name);
      if (!stopping) {
        process.stderr.write(
          `dx: the ${name} stopped on its own (${signal ?? `exit code ${code}`}); stopping the hub\n`,
        );
        process.exitCode = 1;
        stopAll('SIGTERM');
      }
      if (children.size === 0) process.exit(process.exitCode ?? 0);
    });
  }
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => stopAll(signal));
}

main().catch((error: unknown) => fail(`failed to start (${describeError(error)})`));
