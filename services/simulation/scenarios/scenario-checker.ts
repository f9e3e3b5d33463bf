/**
 * Checks a request before anything runs, and lists every problem in one SCENARIO_INVALID error: the
 * scenario against the sim.scenario-requests schema, the service's own options, the instances against
 * the instance library, the contracts it reads against what the simulation subsystem may read, and
 * the models, parameters, states, inputs and links against what the workers report (`validate`).
 * What comes out is the request with each instance's design data resolved into its parameters.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../common/config/repo-root.js';
import { DxError } from '../../common/errors/dx-error.js';
import { compileSchema, type CompiledSchema } from '../../common/schemas/compile-schema.js';
import type { JsonSchema } from '../../common/schemas/json-schema.types.js';
import type { ValidationIssue } from '../../common/schemas/validation-issue.js';
import { TIMELINES, type Timeline } from '../hub/as-of-reader.js';
import type { WorkerPool } from '../workers/worker-pool.js';
import type { InstanceLibrary } from './instances/instance-library.js';
import type { ScenarioProblem } from './scenario-problem.js';
import type { HubValue, Scenario, SimRequest } from './sim-request.js';
import { isJsonObject } from '../../common/schemas/is-json-object.js';

const AS_OF_FIELDS = ['time', 'timeline', 'knownAt'];

export type Purpose = 'run' | 'open';

const OPTIONS = [
  'scenario',
  'inputs',
  'live',
  'initialFrom',
  'asOf',
  'twin',
  'every',
  'deadlineMs',
  'publish',
  'id',
];
const TWIN_OPTIONS = ['reactor', 'horizonSeconds', 'everySeconds', 'q', 'r', 'telemetry'];

export class ScenarioChecker {
  private readonly schema: CompiledSchema;

  constructor(
    private readonly pool: WorkerPool,
    private readonly instances: InstanceLibrary,
    private readonly readable: () => readonly string[],
  ) {
    const file = path.join(repoRoot(), 'contracts', 'sim', 'scenario-requests', '1.0.0.schema.json');
    this.schema = compileSchema(
      JSON.parse(readFileSync(file, 'utf8')) as JsonSchema,
      'sim.scenario-requests 1.0.0',
    );
  }

  async check(body: unknown, purpose: Purpose): Promise<SimRequest> {
    const problems: ScenarioProblem[] = [];
    if (!isJsonObject(body)) {
      throw invalid([{ path: '', code: 'INVALID_TYPE', message: 'the request must be a JSON object' }]);
    }
    for (const field of Object.keys(body)) {
      if (!OPTIONS.includes(field))
        problems.push({
          path: `/${field}`,
          code: 'UNKNOWN_FIELD',
          message: `${field} is not an option of a simulation request`,
        });
    }
    if (!isJsonObject(body.scenario)) {
      problems.push({
        path: '/scenario',
        code: 'MISSING_FIELD',
        message: 'scenario is required and must be an object',
      });
      throw invalid([...problems, ...this.optionProblems(body)]);
    }
    const schemaProblems = this.schema.validate(body.scenario).map(fromIssue);
    problems.push(...schemaProblems, ...this.optionProblems(body));
    const request = body as unknown as SimRequest;
    const scenario = this.resolveInstances(request.scenario, problems);
    const expectedModes = purpose === 'run' ? ['static', 'dynamic'] : ['realtime'];
    if (typeof scenario.mode === 'string' && !expectedModes.includes(scenario.mode)) {
      problems.push({
        path: '/scenario/mode',
        code: 'INVALID_VALUE',
        message:
          purpose === 'run'
            ? 'dx.sim.run runs static and dynamic scenarios; start a realtime one'
            : 'a session runs a realtime scenario',
      });
    }
    problems.push(...(await this.workerProblems(scenario, request, purpose, schemaProblems)));
    if (problems.length > 0) throw invalid(problems);
    return { ...request, scenario };
  }

  /** The service's own options: types, and which contracts they read. */
  private optionProblems(body: Record<string, unknown>): ScenarioProblem[] {
    const problems: ScenarioProblem[] = [];
    if (body.inputs !== undefined) {
      if (!isJsonObject(body.inputs))
        problems.push({
          path: '/inputs',
          code: 'INVALID_TYPE',
          message: 'inputs must be an object of numbers',
        });
      else
        for (const [name, value] of Object.entries(body.inputs)) {
          if (typeof value !== 'number')
            problems.push({
              path: `/inputs/${name}`,
              code: 'INVALID_TYPE',
              message: `${name} must be a number`,
            });
        }
    }
    for (const field of ['live', 'initialFrom'] as const) {
      const values = body[field];
      if (values === undefined) continue;
      if (!isJsonObject(values)) {
        problems.push({
          path: `/${field}`,
          code: 'INVALID_TYPE',
          message: `${field} must be an object of {contract, key, pointer}`,
        });
        continue;
      }
      for (const [name, where] of Object.entries(values))
        problems.push(...this.hubValueProblems(`/${field}/${name}`, where));
    }
    if (body.twin !== undefined) {
      if (!isJsonObject(body.twin))
        problems.push({ path: '/twin', code: 'INVALID_TYPE', message: 'twin must be an object' });
      else {
        for (const field of Object.keys(body.twin)) {
          if (!TWIN_OPTIONS.includes(field))
            problems.push({
              path: `/twin/${field}`,
              code: 'UNKNOWN_FIELD',
              message: `${field} is not a twin option`,
            });
        }
        const telemetry = body.twin.telemetry;
        if (telemetry !== undefined)
          problems.push(
            ...this.hubValueProblems('/twin/telemetry', {
              pointer: '',
              ...(isJsonObject(telemetry) ? telemetry : {}),
            }),
          );
      }
    }
    if (body.asOf !== undefined) problems.push(...asOfProblems(body));
    if (body.every !== undefined && !(Number.isSafeInteger(body.every) && (body.every as number) >= 1)) {
      problems.push({ path: '/every', code: 'INVALID_VALUE', message: 'every must be an integer >= 1' });
    }
    if (body.deadlineMs !== undefined && !(typeof body.deadlineMs === 'number' && body.deadlineMs > 0)) {
      problems.push({
        path: '/deadlineMs',
        code: 'INVALID_VALUE',
        message: 'deadlineMs must be a number > 0',
      });
    }
    if (body.id !== undefined && !(typeof body.id === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(body.id))) {
      problems.push({
        path: '/id',
        code: 'INVALID_VALUE',
        message: 'id must be 1 to 64 letters, digits, _ or -',
      });
    }
    return problems;
  }

  private hubValueProblems(at: string, where: unknown): ScenarioProblem[] {
    if (
      !isJsonObject(where) ||
      typeof where.contract !== 'string' ||
      typeof where.key !== 'string' ||
      typeof where.pointer !== 'string'
    ) {
      return [{ path: at, code: 'INVALID_TYPE', message: 'must be {contract, key, pointer} (strings)' }];
    }
    const value = where as unknown as HubValue;
    const readable = this.readable();
    if (!readable.includes(value.contract)) {
      return [
        {
          path: `${at}/contract`,
          code: 'CONTRACT_NOT_READABLE',
          message: `the simulation subsystem may not read ${value.contract} (it reads ${readable.join(', ') || 'nothing yet: register it as a consumer'})`,
        },
      ];
    }
    return [];
  }

  private resolveInstances(scenario: Scenario, problems: ScenarioProblem[]): Scenario {
    if (!Array.isArray(scenario.models)) return scenario;
    const models = scenario.models.map((model, i) => {
      if (!isJsonObject(model) || typeof model.instance !== 'string') return model;
      const instance = this.instances.get(model.instance);
      if (!instance) {
        problems.push({
          path: `/scenario/models/${i}/instance`,
          code: 'UNKNOWN_INSTANCE',
          message: `no equipment ${model.instance} in the instance library (${this.instances
            .list()
            .map((x) => x.id)
            .join(', ')})`,
        });
        return model;
      }
      if (instance.model !== model.model) {
        problems.push({
          path: `/scenario/models/${i}/instance`,
          code: 'INVALID_VALUE',
          message: `${instance.id} is a ${instance.model}, not a ${String(model.model)}`,
        });
        return model;
      }
      return {
        ...model,
        parameters: { ...instance.parameters, ...(isJsonObject(model.parameters) ? model.parameters : {}) },
      };
    });
    return { ...scenario, models };
  }

  /** What the workers find, with the hub-fed inputs and states standing in as placeholders. */
  private async workerProblems(
    scenario: Scenario,
    request: SimRequest,
    purpose: Purpose,
    schemaProblems: ScenarioProblem[],
  ): Promise<ScenarioProblem[]> {
    const inputs: Record<string, unknown> = { ...(isJsonObject(request.inputs) ? request.inputs : {}) };
    const liveNames = new Set(isJsonObject(request.live) ? Object.keys(request.live) : []);
    for (const name of liveNames) inputs[name] = 0;
    const withInitial = withPlaceholderStates(scenario, request.initialFrom);
    const { result } = await this.pool.submit(
      { op: 'validate', scenario: withInitial, inputs, purpose },
      { deadlineMs: 10_000 },
    );
    const found = (result.problems as ScenarioProblem[] | undefined) ?? [];
    const seen = new Set(schemaProblems.map((p) => p.path));
    return found
      .map((p) => ({ ...p, path: requestPath(p.path, liveNames) }))
      .filter((p) => !seen.has(p.path));
  }
}

/** Worker paths point into the scenario, or at the request's inputs; ours point into the request. */
function requestPath(workerPath: string, liveNames: Set<string>): string {
  if (workerPath.startsWith('/inputs/')) {
    const name = workerPath.slice('/inputs/'.length).split('/')[0]!;
    return liveNames.has(name) ? `/live/${workerPath.slice('/inputs/'.length)}` : workerPath;
  }
  if (
    workerPath.startsWith('/twin') ||
    workerPath.startsWith('/every') ||
    workerPath.startsWith('/telemetry')
  )
    return workerPath;
  return `/scenario${workerPath}`;
}

function withPlaceholderStates(scenario: Scenario, initialFrom: SimRequest['initialFrom']): Scenario {
  if (!isJsonObject(initialFrom) || !Array.isArray(scenario.models)) return scenario;
  const models = scenario.models.map((m) => {
    const states = Object.keys(initialFrom)
      .filter((name) => name.startsWith(`${m.id}.`))
      .map((name) => name.slice(m.id.length + 1));
    if (states.length === 0) return m;
    return {
      ...m,
      initialState: { ...(m.initialState ?? {}), ...Object.fromEntries(states.map((s) => [s, 0])) },
    };
  });
  return { ...scenario, models };
}

/**
 * asOf: {time, timeline?, knownAt?}; it applies to what the request reads from the hub, so it needs
 * some. knownAt ("as known at") goes with the event timeline only.
 */
function asOfProblems(body: Record<string, unknown>): ScenarioProblem[] {
  const asOf = body.asOf;
  if (!isJsonObject(asOf))
    return [{ path: '/asOf', code: 'INVALID_TYPE', message: 'asOf must be {time, timeline?, knownAt?}' }];
  const problems: ScenarioProblem[] = [];
  for (const field of Object.keys(asOf)) {
    if (!AS_OF_FIELDS.includes(field))
      problems.push({
        path: `/asOf/${field}`,
        code: 'UNKNOWN_FIELD',
        message: `${field} is not a field of asOf`,
      });
  }
  const time = typeof asOf.time === 'string' ? Date.parse(asOf.time) : Number.NaN;
  if (!Number.isFinite(time))
    problems.push({ path: '/asOf/time', code: 'INVALID_VALUE', message: 'time must be an ISO 8601 time' });
  else if (time > Date.now())
    problems.push({
      path: '/asOf/time',
      code: 'INVALID_VALUE',
      message: `${String(asOf.time)} is in the future`,
    });
  if (asOf.timeline !== undefined && !TIMELINES.includes(asOf.timeline as Timeline))
    problems.push({
      path: '/asOf/timeline',
      code: 'INVALID_VALUE',
      message: `timeline must be ${TIMELINES.join(' or ')}`,
    });
  if (asOf.knownAt !== undefined) {
    const knownAt = typeof asOf.knownAt === 'string' ? Date.parse(asOf.knownAt) : Number.NaN;
    if ((asOf.timeline ?? 'recorded') !== 'event')
      problems.push({
        path: '/asOf/knownAt',
        code: 'INVALID_VALUE',
        message:
          'knownAt goes with the event timeline; on the recorded timeline the time itself is what was known',
      });
    else if (!Number.isFinite(knownAt))
      problems.push({
        path: '/asOf/knownAt',
        code: 'INVALID_VALUE',
        message: 'knownAt must be an ISO 8601 time',
      });
  }
  const reads = ['initialFrom', 'live'].some((f) => isJsonObject(body[f]) && Object.keys(body[f]).length > 0);
  if (!reads)
    problems.push({
      path: '/asOf',
      code: 'INVALID_VALUE',
      message:
        'asOf sets the time of what the request reads from the hub (initialFrom, live); it reads nothing',
    });
  return problems;
}

function fromIssue(issue: ValidationIssue): ScenarioProblem {
  const code =
    issue.rule === 'required'
      ? 'MISSING_FIELD'
      : issue.rule === 'additionalProperties'
        ? 'UNKNOWN_FIELD'
        : issue.rule === 'type'
          ? 'INVALID_TYPE'
          : 'INVALID_VALUE';
  return { path: `/scenario${issue.pointer}`, code, message: issue.message };
}

function invalid(problems: ScenarioProblem[]): DxError {
  return new DxError(
    'SCENARIO_INVALID',
    `the request has ${problems.length} problem(s); nothing was started`,
    { problems },
  );
}
