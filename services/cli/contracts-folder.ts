/**
 * The contracts folder a command reads (`--dir`, default `contracts` in the current folder). `dx` run
 * from another folder than the hub's finds none there, and says so instead of failing on a file.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { CliFailure, EXIT } from './exit-codes.js';

export function contractsFolder(dir: string): string {
  const resolved = path.resolve(dir);
  if (!statSync(resolved, { throwIfNoEntry: false })?.isDirectory()) {
    throw new CliFailure(
      `no contracts folder at ${resolved}: run dx in the hub's folder (the one holding contracts/), ` +
        'or name the folder with --dir',
      EXIT.usage,
    );
  }
  return resolved;
}
