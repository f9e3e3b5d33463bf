/** A small JSON state file, replaced atomically (write, fsync, rename) so a crash leaves the old or the new. */
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import path from 'node:path';

export async function readState<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`cannot read the state file ${file}: ${(error as Error).message}`, { cause: error });
  }
}

export async function writeState(file: string, state: unknown): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(JSON.stringify(state));
    await handle.datasync();
  } finally {
    await handle.close();
  }
  await rename(temporary, file);
}
