/**
 * One long-lived `python3 -m dxrunner` process on pipes. Requests carry a correlation id; replies are
 * matched by it. The process's stderr (its logs) goes to pino at debug. When the process exits, every
 * request still waiting on it is handed to `onExit`, so the pool can answer it and start a new one.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Logger } from 'pino';
import type { WorkerReply, WorkerRequest } from './worker-protocol.js';

export interface WorkerProcessOptions {
  python: string;
  cwd: string;
  logger: Logger;
  /** Called once when the process has gone, however it went. */
  onExit: (worker: WorkerProcess, code: number | null, signal: NodeJS.Signals | null) => void;
}

interface Waiting {
  resolve: (reply: WorkerReply) => void;
  reject: (error: Error) => void;
}

export class WorkerProcess {
  readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 0;
  private exited = false;

  constructor(
    readonly slot: number,
    readonly generation: number,
    options: WorkerProcessOptions,
  ) {
    const log = options.logger.child({ worker: slot, generation });
    this.child = spawn(options.python, ['-m', 'dxrunner'], {
      cwd: options.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, PYTHONUNBUFFERED: '1' },
    });
    createInterface({ input: this.child.stdout }).on('line', (line) => this.receive(line, log));
    createInterface({ input: this.child.stderr }).on('line', (line) => log.debug({ stderr: line }, 'worker'));
    // A write to a process that has just died fails with EPIPE; the exit handler answers for it.
    this.child.stdin.on('error', () => undefined);
    this.child.once('error', (error) => log.error({ err: error }, 'worker process failed to start'));
    this.child.once('close', (code, signal) => {
      this.exited = true;
      log.debug({ code, signal }, 'worker exited');
      options.onExit(this, code, signal);
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get alive(): boolean {
    return !this.exited;
  }

  /** Sends one request; resolves with the worker's reply (ok or not), rejects only if the process goes. */
  send(request: WorkerRequest): Promise<WorkerReply> {
    const id = ++this.nextId;
    return new Promise<WorkerReply>((resolve, reject) => {
      if (this.exited) {
        reject(new Error('the worker has exited'));
        return;
      }
      this.waiting.set(id, { resolve, reject });
      this.child.stdin.write(`${JSON.stringify({ ...request, id })}\n`);
    });
  }

  /** Requests sent and not yet answered; the pool answers them when the process is gone. */
  takeWaiting(): Waiting[] {
    const all = [...this.waiting.values()];
    this.waiting.clear();
    return all;
  }

  kill(): void {
    if (!this.exited) this.child.kill('SIGKILL');
  }

  /** Closes stdin: the worker finishes what it holds and exits 0. */
  end(): void {
    if (!this.exited) this.child.stdin.end();
  }

  private receive(line: string, log: Logger): void {
    if (line.trim() === '') return;
    let reply: WorkerReply;
    try {
      reply = JSON.parse(line) as WorkerReply;
    } catch {
      log.warn({ line: line.slice(0, 200) }, 'worker wrote a line that is not JSON');
      return;
    }
    const waiting = typeof reply.id === 'number' ? this.waiting.get(reply.id) : undefined;
    if (!waiting) {
      log.warn({ id: reply.id }, 'worker answered a request nobody is waiting for');
      return;
    }
    this.waiting.delete(reply.id as number);
    waiting.resolve(reply);
  }
}
