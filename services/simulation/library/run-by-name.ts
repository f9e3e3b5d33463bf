/**
 * A request to run a saved scenario by name: which version (the latest by default), overrides of its
 * request (`set`: JSON pointer -> value), and the run's own options, which replace the saved ones.
 */
import { DxError } from '../../common/errors/dx-error.js';
import { asBody } from '../../common/http/request-fields.js';
import { applyOverrides } from './apply-overrides.js';
import { isJsonObject } from '../../common/schemas/is-json-object.js';
import { requestHash, type SavedScenario, type ScenarioRef } from './saved-scenario.js';

/** Options of a run by name that go into the request as they are. */
const RUN_OPTIONS = ['id', 'publish', 'every', 'deadlineMs', 'asOf'];
const FIELDS = ['name', 'version', 'set', ...RUN_OPTIONS];

export interface RunByName {
  name: string;
  version?: number;
  set: Record<string, unknown>;
  options: Record<string, unknown>;
}

export function parseRunByName(raw: unknown, nameFromPath?: string): RunByName {
  const body = asBody(raw);
  const unknown = Object.keys(body).filter((f) => !FIELDS.includes(f));
  if (unknown.length > 0) {
    throw new DxError(
      'BAD_ARGUMENT',
      `${unknown.join(', ')}: not an option of a run by name (${FIELDS.join(', ')})`,
      {
        pointer: `/${unknown[0]}`,
        rule: 'additionalProperties',
        expected: FIELDS,
      },
    );
  }
  const name = nameFromPath ?? body.name;
  if (typeof name !== 'string' || name === '') {
    throw new DxError('BAD_ARGUMENT', 'name is required: the saved scenario to run', {
      pointer: '/name',
      rule: 'required',
      expected: 'string',
    });
  }
  if (body.version !== undefined && !(Number.isSafeInteger(body.version) && (body.version as number) >= 1)) {
    throw new DxError('BAD_ARGUMENT', 'version must be an integer >= 1', {
      pointer: '/version',
      rule: 'type',
      expected: 'integer >= 1',
    });
  }
  if (body.set !== undefined && !isJsonObject(body.set)) {
    throw new DxError('BAD_ARGUMENT', 'set must be an object of JSON pointer -> value', {
      pointer: '/set',
      rule: 'type',
      expected: 'object',
    });
  }
  const options = Object.fromEntries(
    RUN_OPTIONS.filter((o) => body[o] !== undefined).map((o) => [o, body[o]]),
  );
  return {
    name,
    ...(body.version !== undefined ? { version: body.version as number } : {}),
    set: (body.set as Record<string, unknown> | undefined) ?? {},
    options,
  };
}

/** The request to run: the saved one, overridden, with the run's options; and what lineage names it by. */
export function requestToRun(
  saved: SavedScenario,
  run: RunByName,
): { request: Record<string, unknown>; ref: ScenarioRef } {
  const request = { ...applyOverrides(saved.request, run.set), ...run.options };
  const overrides = Object.keys(run.set);
  return {
    request,
    ref: {
      name: saved.name,
      version: saved.version,
      hash: requestHash(request),
      ...(overrides.length > 0 ? { overrides } : {}),
      position: saved.position,
    },
  };
}
