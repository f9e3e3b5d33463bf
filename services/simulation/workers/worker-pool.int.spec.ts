import { afterEach, describe, expect, it } from '@jest/globals';
import { pino } from 'pino';
import { loadSimConfig } from '../sim-config.js';
import { WorkerPool } from './worker-pool.js';

const config = loadSimConfig({});
let pool: WorkerPool | undefined;

function startPool(size: number, queueDepth = 8): WorkerPool {
  pool = new WorkerPool({
    size,
    queueDepth,
    python: config.python,
    cwd: config.pythonDir,
    logger: pino({ level: 'silent' }),
  });
  return pool;
}

/** A pump run long enough (about 20 s) to still be running when the test acts on it. */
const longRun = {
  op: 'run' as const,
  scenario: {
    scenarioId: 'long',
    mode: 'dynamic',
    models: [{ id: 'P101', model: 'pump' }],
    stepSeconds: 0.001,
    horizonSeconds: 2000,
  },
  every: 100000,
};

afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

describe('the worker pool', () => {
  it('answers a ping from a real Python worker', async () => {
    const answer = await startPool(1).submit({ op: 'ping' });
    expect(answer.result).toEqual({ pong: true, pid: expect.any(Number) });
  });

  it('answers the request of a worker that crashed with WORKER_CRASHED and restarts the worker', async () => {
    const p = startPool(1);
    const before = (await p.submit({ op: 'ping' })).result.pid as number;
    const running = p.submit(longRun);
    await new Promise((r) => setTimeout(r, 200));
    process.kill(before, 'SIGKILL');
    await expect(running).rejects.toMatchObject({ code: 'WORKER_CRASHED' });
    const after = (await p.submit({ op: 'ping' })).result.pid as number;
    expect(after).not.toBe(before);
    expect(p.status().restarts).toBe(1);
  });

  it('kills a request past its deadline, answers SIM_TIMEOUT and serves the next request', async () => {
    const p = startPool(1);
    const started = Date.now();
    await expect(p.submit(longRun, { deadlineMs: 300 })).rejects.toMatchObject({
      code: 'SIM_TIMEOUT',
      details: { deadlineMs: 300 },
    });
    expect(Date.now() - started).toBeLessThan(2000);
    await expect(p.submit({ op: 'ping' })).resolves.toMatchObject({ result: { pong: true } });
  });

  it('answers SIM_BUSY at once when every worker is busy and the queue is full', async () => {
    const p = startPool(1, 1);
    const running = p.submit(longRun, { jobId: 'a' });
    const waiting = p.submit({ op: 'ping' }, { jobId: 'b' });
    const started = Date.now();
    await expect(p.submit({ op: 'ping' })).rejects.toMatchObject({
      code: 'SIM_BUSY',
      details: { queued: 1, queueDepth: 1 },
    });
    expect(Date.now() - started).toBeLessThan(50);
    p.cancel('a');
    await expect(running).rejects.toMatchObject({ code: 'CANCELLED' });
    await expect(waiting).resolves.toMatchObject({ result: { pong: true } });
  });

  it('cancels a running job by killing its worker and answers CANCELLED', async () => {
    const p = startPool(2);
    const running = p.submit(longRun, { jobId: 'job-1' });
    await new Promise((r) => setTimeout(r, 100));
    expect(p.jobs()).toEqual([{ id: 'job-1', op: 'run', state: 'running', worker: 0 }]);
    expect(p.cancel('job-1')).toBe(true);
    await expect(running).rejects.toMatchObject({ code: 'CANCELLED', details: { job: 'job-1' } });
    expect(p.cancel('job-1')).toBe(false);
    await expect(p.submit({ op: 'ping' })).resolves.toMatchObject({ result: { pong: true } });
  });

  it('answers a refused scenario with every problem the worker listed', async () => {
    const p = startPool(1);
    const refused = p.submit({
      op: 'run',
      scenario: {
        scenarioId: 'x',
        mode: 'static',
        models: [
          { id: 'B1', model: 'boiler' },
          { id: 'P1', model: 'pump', parameters: { nope: 1 } },
        ],
      },
    });
    await expect(refused).rejects.toMatchObject({
      code: 'SCENARIO_INVALID',
      details: {
        problems: expect.arrayContaining([
          expect.objectContaining({ path: '/models/0/model', code: 'UNKNOWN_MODEL' }),
          expect.objectContaining({ path: '/models/1/parameters/nope', code: 'UNKNOWN_PARAMETER' }),
        ]),
      },
    });
  });
});
