/**
 * What the services read from their environment, taken from their sources rather than written down a
 * second time: the names in the config loaders (`env.X`, `(env, 'X', ...)`), the Python workers'
 * `os.environ.get("X")` for the simulation (its workers inherit its environment), and the variable
 * and default each service listens on.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../services/common/config/repo-root.js';

const COMMON_CONFIG = 'services/common/config/config.ts';
const SIM_CONFIG = 'services/simulation/sim-config.ts';
const PYTHON_WORKERS = 'python-runner/dxrunner';

function read(file: string): string {
  return readFileSync(path.join(repoRoot(), file), 'utf8');
}

function filesUnder(dir: string, extension: string): string[] {
  return readdirSync(path.join(repoRoot(), dir)).flatMap((entry) => {
    const file = path.join(dir, entry);
    if (statSync(path.join(repoRoot(), file)).isDirectory()) return filesUnder(file, extension);
    return entry.endsWith(extension) ? [file] : [];
  });
}

function namesIn(text: string, patterns: RegExp[]): string[] {
  return patterns.flatMap((pattern) => [...text.matchAll(pattern)].map((match) => match[1]!));
}

const TS_ENV = [
  /\benv\.([A-Z][A-Z0-9_]*)/g,
  /\(env, '([A-Z][A-Z0-9_]*)'/g,
  /process\.env\.([A-Z][A-Z0-9_]*)/g,
];
const PY_ENV = [/os\.environ\.get\(\s*"([A-Z][A-Z0-9_]*)"/g, /os\.environ\[\s*"([A-Z][A-Z0-9_]*)"\s*\]/g];

/** The environment variables a process reads, by what it runs: a service's name, or `cli` for `dx`. */
export function variablesReadBy(program: string): Set<string> {
  const names = namesIn(read(COMMON_CONFIG), TS_ENV);
  if (program === 'simulation') {
    names.push(...namesIn(read(SIM_CONFIG), TS_ENV));
    for (const file of filesUnder(PYTHON_WORKERS, '.py')) names.push(...namesIn(read(file), PY_ENV));
  }
  return new Set(names);
}

/** The variable a service's HTTP port comes from, and its default, as its main.ts and loader say. */
export function portSetting(service: string): { variable: string; fallback: number } {
  const main = read(`services/${service}/main.ts`);
  const field = /port: \([^)]*\) => (?:config|load\w+\(\))\.(\w+)/.exec(main)?.[1];
  if (!field) throw new Error(`services/${service}/main.ts: cannot tell which setting is its port`);
  for (const loader of [COMMON_CONFIG, SIM_CONFIG]) {
    const found = new RegExp(`\\b${field}: positiveInteger\\(env, '([A-Z_]+)', (\\d+)\\)`).exec(read(loader));
    if (found) return { variable: found[1]!, fallback: Number(found[2]) };
  }
  throw new Error(`no loader reads the setting ${field} of services/${service}`);
}

/** How long the NATS drain may take at shutdown (DRAIN_TIMEOUT_MS in the NATS module). */
export function natsDrainTimeoutMs(): number {
  const found = /DRAIN_TIMEOUT_MS = ([\d_]+)/.exec(read('services/common/nest/nats/nats.module.ts'));
  if (!found) throw new Error('cannot find DRAIN_TIMEOUT_MS in the NATS module');
  return Number(found[1]!.replaceAll('_', ''));
}

/** Which program a container runs: `dist/services/<name>/main.js` gives the service, `bin/dx.js` the cli. */
export function programOf(args: string[]): string | undefined {
  const line = args.join(' ');
  if (/\bbin\/dx\.js\b/.test(line)) return 'cli';
  return /\bdist\/services\/(\w+)\/main\.js\b/.exec(line)?.[1];
}
