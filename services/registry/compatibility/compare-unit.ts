/**
 * `x-unit`: the same number in another unit is different data that still validates, so a changed
 * or dropped unit breaks every reader, in every mode but NONE. Declaring a unit where there was
 * none documents what the values already meant, and breaks nobody. Units are compared as written.
 */
import { UNIT_KEYWORD } from './annotation-keywords.js';
import { keywordPath } from './keyword-path.js';
import type { LocatedObject } from './json-schema.js';
import { sameJson } from './same-json.js';
import type { WalkContext } from './walk-context.js';

export function compareUnit(ctx: WalkContext, oldNode: LocatedObject, newNode: LocatedObject): void {
  if (ctx.validityOnly) return;
  const before = oldNode.schema[UNIT_KEYWORD];
  const after = newNode.schema[UNIT_KEYWORD];
  if (sameJson(before, after)) return;
  const path = keywordPath(newNode, UNIT_KEYWORD);
  if (before === undefined) ctx.emit('UNIT_ADDED', path, 'neutral');
  else if (after === undefined) ctx.emit('UNIT_REMOVED', path, 'breaks');
  else ctx.emit('UNIT_CHANGED', path, 'breaks');
}
