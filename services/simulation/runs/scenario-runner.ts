/**
 * Static and dynamic runs: check the request, fill what comes from the hub, run it on a worker within
 * its deadline, publish the results when asked. A run can be cancelled by its id while it runs.
 */
import { randomUUID } from 'node:crypto';
import { DxError } from '../../common/errors/dx-error.js';
import type { HubPublisher } from '../hub/hub-publisher.js';
import { readHubValues, type HubReader } from '../hub/hub-reader.js';
import type { ScenarioChecker } from '../scenarios/scenario-checker.js';
import type { Scenario, SimRequest } from '../scenarios/sim-request.js';
import type { WorkerPool } from '../workers/worker-pool.js';
import { RESULTS_CONTRACT, RESULTS_VERSION, runResultPayloads } from './result-payloads.js';

export interface RunAnswer {
  id: string;
  result: Record<string, unknown>;
  /** Global positions of the published sim.results, when published. */
  published?: number[];
}

export class ScenarioRunner {
  /** Runs being checked or prepared, before the pool knows them: a stop must reach these too. */
  private readonly preparing = new Map<string, { cancelled: boolean }>();

  constructor(
    private readonly pool: WorkerPool,
    private readonly checker: ScenarioChecker,
    private readonly reader: HubReader,
    private readonly publisher: HubPublisher,
    private readonly defaultDeadlineMs: number,
  ) {}

  /** Cancels a run that is still being checked or prepared; false when there is none by that id. */
  cancelPreparing(id: string): boolean {
    const entry = this.preparing.get(id);
    if (!entry) return false;
    entry.cancelled = true;
    return true;
  }

  /** Ids of runs still being checked or prepared. */
  preparingIds(): string[] {
    return [...this.preparing.keys()];
  }

  async run(body: unknown): Promise<RunAnswer> {
    const given = (body as { id?: unknown } | null)?.id;
    const id = typeof given === 'string' && given !== '' ? given : randomUUID();
    const entry = { cancelled: false };
    this.preparing.set(id, entry);
    const unlessCancelled = <T>(value: T): T => {
      if (entry.cancelled) throw new DxError('CANCELLED', `run ${id} was cancelled`, { job: id });
      return value;
    };
    let scenario: Scenario;
    let request: SimRequest;
    const inputs: Record<string, unknown> = {};
    try {
      request = unlessCancelled(await this.checker.check(body, 'run'));
      scenario = unlessCancelled(await withHubState(this.reader, request));
      Object.assign(inputs, request.inputs ?? {});
      if (request.live) {
        Object.assign(
          inputs,
          unlessCancelled(await readHubValues(this.reader, request.live, '/live')).values,
        );
      }
    } finally {
      this.preparing.delete(id);
    }
    const { result } = await this.pool.submit(
      { op: 'run', scenario, inputs, ...(request.every ? { every: request.every } : {}) },
      { jobId: id, deadlineMs: request.deadlineMs ?? this.defaultDeadlineMs },
    );
    if (!request.publish) return { id, result };
    const positions = await this.publisher.publish(
      RESULTS_CONTRACT,
      RESULTS_VERSION,
      runResultPayloads(result),
    );
    return { id, result, published: positions.map((p) => p.position) };
  }
}

/** The scenario with the initial states the request reads from the hub's latest values. */
export async function withHubState(reader: HubReader, request: SimRequest): Promise<Scenario> {
  if (!request.initialFrom || Object.keys(request.initialFrom).length === 0) return request.scenario;
  const { values } = await readHubValues(reader, request.initialFrom, '/initialFrom');
  const models = request.scenario.models.map((m) => {
    const own = Object.entries(values).filter(([name]) => name.startsWith(`${m.id}.`));
    if (own.length === 0) return m;
    const states = Object.fromEntries(own.map(([name, value]) => [name.slice(m.id.length + 1), value]));
    return { ...m, initialState: { ...(m.initialState ?? {}), ...states } };
  });
  return { ...request.scenario, models };
}
