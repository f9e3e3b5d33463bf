/**
 * Overrides of a saved request for one run (`--set /inputs/R101.T_j=260`): each a JSON pointer into the
 * request and the value to put there. An object member is set or added (with the objects on its way),
 * an array item must exist already. Every pointer that cannot be applied is one problem; the result
 * is then checked like any request.
 */
import type { ScenarioProblem } from '../scenarios/scenario-problem.js';
import { invalid } from './saved-scenario.js';
import { isJsonObject } from '../../common/schemas/is-json-object.js';
import { pointerTokens } from '../../common/schemas/pointer-tokens.js';

export function applyOverrides(
  request: Record<string, unknown>,
  set: Record<string, unknown>,
): Record<string, unknown> {
  const copy = structuredClone(request);
  const problems: ScenarioProblem[] = [];
  for (const [pointer, value] of Object.entries(set)) {
    const problem = setAt(copy, pointer, value);
    if (problem)
      problems.push({
        path: `/set/${pointer.replace(/~/g, '~0').replace(/\//g, '~1')}`,
        code: 'INVALID_VALUE',
        message: problem,
      });
  }
  if (problems.length > 0) throw invalid(problems);
  return copy;
}

function setAt(root: Record<string, unknown>, pointer: string, value: unknown): string | undefined {
  if (!pointer.startsWith('/') || pointer === '/')
    return `${pointer} is not a JSON pointer into the request (e.g. /inputs/R101.T_j)`;
  const tokens = pointerTokens(pointer);
  let here: unknown = root;
  for (const [i, token] of tokens.entries()) {
    const last = i === tokens.length - 1;
    if (Array.isArray(here)) {
      const index = Number(token);
      if (!Number.isInteger(index) || index < 0 || index >= here.length)
        return `${pointer}: ${token} is not an item of the array at /${tokens.slice(0, i).join('/')}`;
      if (last) here[index] = value;
      else here = here[index];
    } else if (isJsonObject(here)) {
      // A member missing on the way becomes an object: /inputs/R101.T_j works on a request without inputs.
      if (last) here[token] = value;
      else here = here[token] ??= {};
    } else {
      return `${pointer}: /${tokens.slice(0, i).join('/')} is not an object or array`;
    }
  }
  return undefined;
}
