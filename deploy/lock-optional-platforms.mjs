// Run after `npm install` changes package-lock.json:  node deploy/lock-optional-platforms.mjs
//
// The npm registry this project installs from serves only the Linux builds of packages that ship
// native binaries per platform (@swc/core, jest's unrs-resolver). npm then leaves the other platforms'
// optional packages out of the lock file, and `npm ci` refuses a lock that misses them. This adds
// each missing one as an optional entry with its version and no download address; npm ci accepts the
// lock and, as with any optional package for another platform, installs nothing for it.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const lockFile = path.join(root, 'package-lock.json');

let report = '';
try {
  execFileSync('npm', ['ci', '--dry-run'], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
} catch (error) {
  report = String(error.stderr);
}
const missing = [...report.matchAll(/Missing: (@?[^@\s]+)@\S* from lock file/g)].map((m) => m[1]);
const lock = JSON.parse(readFileSync(lockFile, 'utf8'));
for (const name of missing) {
  const parent = Object.values(lock.packages).find((p) => p.optionalDependencies?.[name]);
  if (!parent) throw new Error(`no package in the lock lists ${name} as optional`);
  lock.packages[`node_modules/${name}`] = {
    version: parent.optionalDependencies[name],
    ...(parent.dev ? { dev: true } : {}),
    optional: true,
  };
}
const [rootEntry, ...rest] = Object.entries(lock.packages);
lock.packages = Object.fromEntries([rootEntry, ...rest.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))]);
writeFileSync(lockFile, `${JSON.stringify(lock, null, 2)}\n`);
console.log(
  missing.length ? `added ${missing.length} optional platform entries` : 'the lock file was complete',
);
