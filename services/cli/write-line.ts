/** Writes one line to a stream, waiting when the reader is slower than we are (backpressure). */
import { once } from 'node:events';
import type { Writable } from 'node:stream';

export async function writeLine(out: Writable, line: string): Promise<void> {
  if (!out.write(`${line}\n`)) await once(out, 'drain');
}
