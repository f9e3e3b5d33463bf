/**
 * The store-and-forward buffer: publishes the hub could not take yet, kept in a file so that neither
 * a hub restart, a network cut nor a restart of this process loses them. Appends are durable before
 * they are acknowledged (written and fsync'd, many concurrent appends sharing one fsync); messages
 * leave the buffer only when the hub has answered them. Format: buffer-file.ts.
 *
 * One buffer file belongs to one client at a time.
 */
import { mkdir, open, readFile, rename, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { ackLine, messageLine, readBufferFile, type BufferedMessage } from './buffer-file.js';

/** Acks written since the last compaction after which the file is rewritten even mid-flush. */
const COMPACT_AFTER_ACKS = 1000;

interface QueuedWrite {
  text: string;
  /** Message lines must be on disk before the caller hears "buffered"; acks need not (see ack). */
  durable: boolean;
  /** What the write means for the pending messages, applied once it has succeeded. */
  apply: () => void;
  done: (error?: unknown) => void;
}

export class PublishBuffer {
  private acksSinceCompaction = 0;
  /** A failed write may have left part of a line behind: rewrite the file before the next one. */
  private damaged = false;
  private readonly queue: QueuedWrite[] = [];
  private writing?: Promise<void>;

  private constructor(
    readonly file: string,
    private handle: FileHandle,
    private readonly pending: BufferedMessage[],
  ) {}

  /** Opens the buffer in `directory` (creating both), reloading what an earlier run left in it. */
  static async open(directory: string, name: string): Promise<PublishBuffer> {
    await mkdir(directory, { recursive: true });
    const file = path.join(directory, `${encodeURIComponent(name)}.buffer.jsonl`);
    const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw error;
    });
    const { pending, untidy } = readBufferFile(text, file);
    // A torn last line must go before anything is appended after it.
    if (untidy) await writeAtomically(file, pending.map(messageLine).join(''));
    return new PublishBuffer(file, await open(file, 'a'), pending);
  }

  get size(): number {
    return this.pending.length;
  }

  /** The oldest message still waiting for the hub. */
  head(): BufferedMessage | undefined {
    return this.pending[0];
  }

  /** Adds a message at the end; resolves once it is on disk. */
  append(message: BufferedMessage): Promise<void> {
    return this.write(messageLine(message), true, () => this.pending.push(message));
  }

  /**
   * The hub has answered the oldest message: it leaves the buffer. The ack line is not fsync'd: if a
   * crash loses it, the message is sent once more after the restart and the hub, which knows its
   * message id, answers it as a duplicate with the original positions.
   */
  ack(message: BufferedMessage): Promise<void> {
    if (this.pending[0] !== message) throw new Error('only the oldest buffered message can be acked');
    return this.write(ackLine(message.id), false, () => {
      this.pending.splice(this.pending.indexOf(message), 1);
      this.acksSinceCompaction++;
    });
  }

  async close(): Promise<void> {
    await this.writing;
    await this.handle.close();
  }

  /** Queues text for the single writer, which writes whatever has queued in one go. */
  private write(text: string, durable: boolean, apply: () => void): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ text, durable, apply, done: (error) => (error ? reject(error) : resolve()) });
      this.writing ??= this.drain();
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0);
      try {
        if (this.damaged) await this.compact();
        await this.handle.appendFile(batch.map((w) => w.text).join(''));
        if (batch.some((w) => w.durable)) await this.handle.datasync();
      } catch (error) {
        this.damaged = true;
        batch.forEach((w) => w.done(error));
        continue;
      }
      batch.forEach((w) => w.apply());
      const acks = this.acksSinceCompaction;
      if (acks > 0 && (this.pending.length === 0 || acks >= COMPACT_AFTER_ACKS)) {
        // A failed compaction leaves the old file, which is still right: acks just stay in it longer.
        await this.compact().catch(() => undefined);
      }
      batch.forEach((w) => w.done());
    }
    this.writing = undefined;
  }

  /** Rewrites the file with only the pending messages. Runs inside the writer: no append interleaves. */
  private async compact(): Promise<void> {
    await this.handle.close();
    try {
      await writeAtomically(this.file, this.pending.map(messageLine).join(''));
      this.acksSinceCompaction = 0;
      this.damaged = false;
    } finally {
      this.handle = await open(this.file, 'a');
    }
  }
}

/** Replaces `file` with `text` so that a crash leaves either the old or the new file, never half. */
async function writeAtomically(file: string, text: string): Promise<void> {
  const temporary = `${file}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(text);
    await handle.datasync();
  } finally {
    await handle.close();
  }
  await rename(temporary, file);
  const directory = await open(path.dirname(file), 'r');
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
}
