/** The repository's root folder, found from this file both in the sources and in dist/. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

export function repoRoot(): string {
  if (cached) return cached;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'dx-hub'
    ) {
      return (cached = dir);
    }
    const parent = path.dirname(dir);
    if (parent === dir)
      throw new Error('cannot find the dx-hub repository root above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
}
