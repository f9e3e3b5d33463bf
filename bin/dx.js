#!/usr/bin/env node
// The `dx` command line, compiled by `npm run build` (run by `npm ci` through the prepare script).
// Inside the hub's folder run it as `npx dx`; elsewhere put it on PATH once with `npm link` in the
// hub's folder (README, "The dx command line"): a bare `npx dx` outside it fetches an unrelated
// package of that name from the npm registry.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/services/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  const hub = fileURLToPath(new URL('..', import.meta.url));
  console.error(`dx: ${fileURLToPath(main)} is missing: run npm ci (or npm run build) in ${hub}`);
  process.exit(3);
}
await import(main.href);
