/**
 * A saved scenario as the library keeps it: one version of a name, as stored in the hub under
 * sim.scenarios 1.0.0, and the file a caller saves (name, description, request).
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../common/event-store/canonical-json.js';
import { DxError } from '../../common/errors/dx-error.js';
import type { ScenarioProblem } from '../scenarios/scenario-problem.js';
import { isJsonObject } from '../../common/schemas/is-json-object.js';

export const SCENARIOS_CONTRACT = 'sim.scenarios';
export const SCENARIOS_VERSION = '1.0.0';
export const SCENARIO_NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;
const FILE_FIELDS = ['name', 'description', 'request'];

export interface SavedScenario {
  name: string;
  version: number;
  owner: string;
  savedBy?: string;
  description?: string;
  request: Record<string, unknown>;
  hash: string;
  savedAt: string;
  /** Global position of the event that saved this version. */
  position: number;
}

/** What names a scenario in lineage: its name and version when saved, its hash always. */
export interface ScenarioRef {
  name?: string;
  version?: number;
  /** SHA-256 of the request that ran (after overrides and run options). */
  hash: string;
  /** The JSON pointers overridden for this run. */
  overrides?: string[];
  /** Global position of the event that saved the version. */
  position?: number;
}

export interface ScenarioFile {
  name: string;
  description?: string;
  request: Record<string, unknown>;
}

/** SHA-256 (hex) of the request's canonical JSON (RFC 8785): the same content hashes the same anywhere. */
export function requestHash(request: unknown): string {
  return createHash('sha256').update(canonicalJson(request)).digest('hex');
}

/** A save request's body, or SCENARIO_INVALID listing every problem with it. */
export function parseScenarioFile(body: unknown): ScenarioFile {
  const problems: ScenarioProblem[] = [];
  if (!isJsonObject(body)) {
    throw invalid([
      { path: '', code: 'INVALID_TYPE', message: 'a saved scenario is {name, description?, request}' },
    ]);
  }
  for (const field of Object.keys(body)) {
    if (!FILE_FIELDS.includes(field))
      problems.push({
        path: `/${field}`,
        code: 'UNKNOWN_FIELD',
        message: `${field} is not a field of a saved scenario`,
      });
  }
  if (typeof body.name !== 'string' || !SCENARIO_NAME.test(body.name))
    problems.push({
      path: '/name',
      code: body.name === undefined ? 'MISSING_FIELD' : 'INVALID_VALUE',
      message: 'name must be 1 to 64 lowercase letters, digits or -, starting with a letter or digit',
    });
  if (body.description !== undefined && typeof body.description !== 'string')
    problems.push({ path: '/description', code: 'INVALID_TYPE', message: 'description must be a string' });
  if (!isJsonObject(body.request))
    problems.push({
      path: '/request',
      code: body.request === undefined ? 'MISSING_FIELD' : 'INVALID_TYPE',
      message: 'request must be a simulation request object ({scenario, inputs?, ...})',
    });
  if (problems.length > 0) throw invalid(problems);
  return body as unknown as ScenarioFile;
}

export function invalid(problems: ScenarioProblem[]): DxError {
  return new DxError(
    'SCENARIO_INVALID',
    `the scenario has ${problems.length} problem(s); nothing was saved`,
    {
      problems,
    },
  );
}
