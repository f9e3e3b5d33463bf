/**
 * `not`. The negated schema accepting more means the value is allowed less: NOT_TYPE_EXTENDED
 * narrows, NOT_TYPE_NARROWED widens. Which one it is comes from checking the two negated schemas
 * against each other both ways, strictly (leniency has no meaning under a negation).
 */
import { keywordPath } from './keyword-path.js';
import type { LocatedObject } from './json-schema.js';
import { schemaKeyword } from './schema-keywords.js';
import type { WalkContext } from './walk-context.js';

export function compareNot(ctx: WalkContext, oldNode: LocatedObject, newNode: LocatedObject): void {
  const before = schemaKeyword(oldNode, 'not');
  const after = schemaKeyword(newNode, 'not');
  const path = keywordPath(newNode, 'not');
  if (!before && !after) return;
  if (!before) return ctx.emit('NOT_TYPE_ADDED', path, 'narrows');
  if (!after) return ctx.emit('NOT_TYPE_REMOVED', path, 'widens');
  const grew = ctx.compatible(before, after, 'backward', false);
  const shrank = ctx.compatible(before, after, 'forward', false);
  if (grew && shrank) return;
  if (grew) ctx.emit('NOT_TYPE_EXTENDED', path, 'narrows');
  else if (shrank) ctx.emit('NOT_TYPE_NARROWED', path, 'widens');
  else ctx.emit('NOT_TYPE_CHANGED', path, 'changes');
}
