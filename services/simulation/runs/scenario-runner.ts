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
import type { AsOf } from '../hub/as-of-reader.js';
import type { ScenarioRef } from '../library/saved-scenario.js';
import type { WorkerPool } from '../workers/worker-pool.js';
import { resultLineage, type InputEvent, type ResultLineage, type WorkerLineage } from './result-lineage.js';
import { RESULTS_CONTRACT, RESULTS_VERSION, runResultPayloads } from './result-payloads.js';

export interface RunAnswer {
  id: string;
  result: Record<string, unknown>;
  /** Global positions of the published sim.results, when published. */
  published?: number[];
  /** The saved scenario that ran, when it was run by name. */
  scenario?: ScenarioRef;
  /** What the results came from, as published with them. */
  lineage: ResultLineage;
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
    /** Reads values as of a past time (a request's asOf). */
    private readonly asOf: (asOf: AsOf) => HubReader,
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

  /** Runs a request; `ref` names the saved scenario it came from (for lineage), when it did. */
  async run(body: unknown, ref?: ScenarioRef): Promise<RunAnswer> {
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
    const read: InputEvent[] = [];
    try {
      request = unlessCancelled(await this.checker.check(body, 'run'));
      // A what-if from a past instant reads what it reads from the hub as of then.
      const reader = request.asOf ? this.asOf(request.asOf) : this.reader;
      const initial = unlessCancelled(await withHubState(reader, request));
      scenario = initial.scenario;
      read.push(...initial.from);
      Object.assign(inputs, request.inputs ?? {});
      if (request.live) {
        const live = unlessCancelled(await readHubValues(reader, request.live, '/live'));
        Object.assign(inputs, live.values);
        read.push(...live.from.map((e) => ({ ...e, role: 'live-input' as const })));
      }
    } finally {
      this.preparing.delete(id);
    }
    const { result } = await this.pool.submit(
      { op: 'run', scenario, inputs, ...(request.every ? { every: request.every } : {}) },
      { jobId: id, deadlineMs: request.deadlineMs ?? this.defaultDeadlineMs },
    );
    const named = ref ? { scenario: ref } : {};
    const lineage = resultLineage(result.lineage as unknown as WorkerLineage, read, body, ref);
    if (!request.publish) return { id, result, lineage, ...named };
    const positions = await this.publisher.publish(
      RESULTS_CONTRACT,
      RESULTS_VERSION,
      runResultPayloads(result, lineage),
    );
    return { id, result, lineage, published: positions.map((p) => p.position), ...named };
  }
}

/** The scenario with the initial states the request reads from the hub, and the events they came from. */
export async function withHubState(
  reader: HubReader,
  request: SimRequest,
): Promise<{ scenario: Scenario; from: InputEvent[] }> {
  if (!request.initialFrom || Object.keys(request.initialFrom).length === 0)
    return { scenario: request.scenario, from: [] };
  const { values, from } = await readHubValues(reader, request.initialFrom, '/initialFrom');
  const models = request.scenario.models.map((m) => {
    const own = Object.entries(values).filter(([name]) => name.startsWith(`${m.id}.`));
    if (own.length === 0) return m;
    const states = Object.fromEntries(own.map(([name, value]) => [name.slice(m.id.length + 1), value]));
    return { ...m, initialState: { ...(m.initialState ?? {}), ...states } };
  });
  return {
    scenario: { ...request.scenario, models },
    from: from.map((e) => ({ ...e, role: 'initial-state' as const })),
  };
}
