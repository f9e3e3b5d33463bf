/**
 * The pool of Python worker processes. Each worker answers one request at a time; requests wait in
 * one queue of bounded depth, and a full queue is answered SIM_BUSY at once. A request past its
 * deadline has its worker killed (SIM_TIMEOUT); a cancelled one too (CANCELLED); a worker that dies
 * on its own answers its request WORKER_CRASHED. Every worker that goes is replaced.
 *
 * Realtime sessions live inside one worker, so their requests are pinned to it (slot and generation)
 * and go ahead of the shared queue; when that worker goes, the session is gone with it.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { DxError } from '../../common/errors/dx-error.js';
import { workerFailureToError } from './worker-failure.js';
import { WorkerProcess } from './worker-process.js';
import type { WorkerRequest } from './worker-protocol.js';

export interface WorkerPoolOptions {
  size: number;
  queueDepth: number;
  python: string;
  cwd: string;
  logger: Logger;
}

/** Which worker process: a slot, and which of the processes that have filled it. */
export interface WorkerRef {
  slot: number;
  generation: number;
}

export interface SubmitOptions {
  /** An id to cancel the job by; one is made up otherwise. */
  jobId?: string;
  /** From submission to answer; the worker is killed when it passes. */
  deadlineMs?: number;
  /** Run on this worker (a realtime session's). */
  pin?: WorkerRef;
}

export interface WorkerAnswer {
  result: Record<string, unknown>;
  worker: WorkerRef;
}

interface Job {
  id: string;
  request: WorkerRequest;
  pin?: WorkerRef;
  deadlineMs?: number;
  resolve: (answer: WorkerAnswer) => void;
  reject: (error: DxError) => void;
  timer?: NodeJS.Timeout;
  /** Why we killed its worker, if we did. */
  killedFor?: 'timeout' | 'cancel';
  startedAt?: number;
}

interface Slot {
  index: number;
  worker: WorkerProcess;
  current?: Job;
  pinned: Job[];
  startedAt: number;
}

export interface PoolStatus {
  workers: { slot: number; pid?: number; generation: number; busy: boolean; job?: string }[];
  queued: number;
  queueDepth: number;
  restarts: number;
}

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private readonly lostListeners: ((worker: WorkerRef) => void)[] = [];
  private restarts = 0;
  private closing = false;

  constructor(private readonly options: WorkerPoolOptions) {
    for (let i = 0; i < options.size; i++) this.slots.push(this.startSlot(i, 0));
  }

  /** Called with each worker that went away (sessions held by it are lost). */
  onWorkerLost(listener: (worker: WorkerRef) => void): void {
    this.lostListeners.push(listener);
  }

  submit(request: WorkerRequest, options: SubmitOptions = {}): Promise<WorkerAnswer> {
    return new Promise<WorkerAnswer>((resolve, reject) => {
      if (this.closing) {
        reject(new DxError('SIM_BUSY', 'the simulation service is stopping', {}));
        return;
      }
      const job: Job = {
        id: options.jobId ?? randomUUID(),
        request,
        pin: options.pin,
        deadlineMs: options.deadlineMs,
        resolve,
        reject,
      };
      if (job.pin) {
        const slot = this.slots[job.pin.slot];
        if (!slot || slot.worker.generation !== job.pin.generation || !slot.worker.alive) {
          reject(lostWorker(job.pin));
          return;
        }
        slot.pinned.push(job);
      } else {
        const idle = this.slots.some((s) => !s.current && s.pinned.length === 0 && s.worker.alive);
        if (!idle && this.queue.length >= this.options.queueDepth) {
          reject(
            new DxError('SIM_BUSY', `every worker is busy and ${this.queue.length} requests are waiting`, {
              queued: this.queue.length,
              queueDepth: this.options.queueDepth,
            }),
          );
          return;
        }
        this.queue.push(job);
      }
      if (job.deadlineMs !== undefined) {
        job.timer = setTimeout(() => this.expire(job), job.deadlineMs);
      }
      this.dispatch();
    });
  }

  /** Cancels a queued or running job: a running one has its worker killed. False when there is none. */
  cancel(jobId: string): boolean {
    const queued = this.queue.findIndex((j) => j.id === jobId);
    if (queued >= 0) {
      const [job] = this.queue.splice(queued, 1);
      this.finish(job!, new DxError('CANCELLED', `job ${jobId} was cancelled`, { job: jobId }));
      return true;
    }
    const slot = this.slots.find((s) => s.current?.id === jobId);
    if (!slot) return false;
    slot.current!.killedFor = 'cancel';
    slot.worker.kill();
    return true;
  }

  /** Jobs queued or running, by id. */
  jobs(): { id: string; op: string; state: 'queued' | 'running'; worker?: number }[] {
    return [
      ...this.slots.flatMap((s) =>
        s.current
          ? [{ id: s.current.id, op: s.current.request.op, state: 'running' as const, worker: s.index }]
          : [],
      ),
      ...this.queue.map((j) => ({ id: j.id, op: j.request.op, state: 'queued' as const })),
    ];
  }

  /** Kills one worker as if it had crashed (tests, and an operator's last resort). */
  killWorker(slot: number): number | undefined {
    const s = this.slots[slot];
    const pid = s?.worker.pid;
    s?.worker.kill();
    return pid;
  }

  status(): PoolStatus {
    return {
      workers: this.slots.map((s) => ({
        slot: s.index,
        pid: s.worker.pid,
        generation: s.worker.generation,
        busy: s.current !== undefined,
        job: s.current?.id,
      })),
      queued: this.queue.length,
      queueDepth: this.options.queueDepth,
      restarts: this.restarts,
    };
  }

  async close(): Promise<void> {
    this.closing = true;
    const stopping = new DxError('SIM_BUSY', 'the simulation service is stopping', {});
    for (const job of this.queue.splice(0)) this.finish(job, stopping);
    await Promise.all(
      this.slots.map(
        (s) =>
          new Promise<void>((resolve) => {
            if (!s.worker.alive) return resolve();
            s.worker.child.once('close', () => resolve());
            s.worker.end();
            // A worker in the middle of a long run does not read its stdin; do not wait for it.
            setTimeout(() => s.worker.kill(), 1000).unref();
          }),
      ),
    );
  }

  private startSlot(index: number, generation: number): Slot {
    const worker = new WorkerProcess(index, generation, {
      python: this.options.python,
      cwd: this.options.cwd,
      logger: this.options.logger,
      onExit: (w, code, signal) => this.lost(w, code, signal),
    });
    return { index, worker, pinned: [], startedAt: Date.now() };
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.current || !slot.worker.alive) continue;
      const job = slot.pinned.shift() ?? this.queue.shift();
      if (!job) continue;
      slot.current = job;
      job.startedAt = Date.now();
      slot.worker.send(job.request).then(
        (reply) => {
          if (slot.current !== job) return;
          slot.current = undefined;
          if (reply.ok) this.finish(job, undefined, { result: reply.result, worker: refOf(slot.worker) });
          else this.finish(job, workerFailureToError(reply.error));
          this.dispatch();
        },
        // The process went; lost() answers the job.
        () => undefined,
      );
    }
  }

  private expire(job: Job): void {
    job.timer = undefined;
    const queued = this.queue.indexOf(job);
    const timeout = new DxError(
      'SIM_TIMEOUT',
      `${job.request.op} passed its deadline of ${job.deadlineMs} ms`,
      {
        job: job.id,
        deadlineMs: job.deadlineMs,
      },
    );
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      this.finish(job, timeout);
      return;
    }
    for (const slot of this.slots) {
      const pinned = slot.pinned.indexOf(job);
      if (pinned >= 0) {
        slot.pinned.splice(pinned, 1);
        this.finish(job, timeout);
        return;
      }
      if (slot.current === job) {
        job.killedFor = 'timeout';
        slot.worker.kill();
        return;
      }
    }
  }

  private lost(worker: WorkerProcess, code: number | null, signal: NodeJS.Signals | null): void {
    const slot = this.slots[worker.slot];
    if (!slot || slot.worker !== worker) return;
    worker.takeWaiting();
    const job = slot.current;
    slot.current = undefined;
    if (job) this.finish(job, this.answerForKilled(job, worker, code, signal));
    for (const pinned of slot.pinned.splice(0)) this.finish(pinned, lostWorker(refOf(worker)));
    for (const listener of this.lostListeners) listener(refOf(worker));
    if (this.closing) return;
    if (!job?.killedFor) {
      this.options.logger.warn(
        { worker: worker.slot, code, signal },
        'a simulation worker exited; restarting it',
      );
    }
    this.restarts++;
    // A worker that cannot even start (python missing, import error) must not spin the CPU.
    const delay = Date.now() - slot.startedAt < 1000 && !job?.killedFor ? 500 : 0;
    const restart = () => {
      if (this.closing) return;
      this.slots[worker.slot] = this.startSlot(worker.slot, worker.generation + 1);
      this.dispatch();
    };
    if (delay > 0) setTimeout(restart, delay).unref();
    else restart();
  }

  private answerForKilled(
    job: Job,
    worker: WorkerProcess,
    code: number | null,
    signal: NodeJS.Signals | null,
  ): DxError {
    if (job.killedFor === 'timeout') {
      return new DxError(
        'SIM_TIMEOUT',
        `${job.request.op} passed its deadline of ${job.deadlineMs} ms; its worker was stopped`,
        {
          job: job.id,
          deadlineMs: job.deadlineMs,
        },
      );
    }
    if (job.killedFor === 'cancel') {
      return new DxError('CANCELLED', `job ${job.id} was cancelled; its worker was stopped`, { job: job.id });
    }
    return new DxError(
      'WORKER_CRASHED',
      `the worker running ${job.request.op} exited (${signal ?? `exit code ${code}`})`,
      {
        job: job.id,
        worker: worker.slot,
        pid: worker.pid,
        exitCode: code,
        signal,
      },
    );
  }

  private finish(job: Job, error?: DxError, answer?: WorkerAnswer): void {
    if (job.timer) clearTimeout(job.timer);
    job.timer = undefined;
    if (error) job.reject(error);
    else job.resolve(answer!);
  }
}

function refOf(worker: WorkerProcess): WorkerRef {
  return { slot: worker.slot, generation: worker.generation };
}

function lostWorker(ref: WorkerRef): DxError {
  return new DxError('WORKER_CRASHED', `the worker holding this session (slot ${ref.slot}) is gone`, {
    worker: ref.slot,
    generation: ref.generation,
  });
}
