/**
 * `type`, as a set of JSON types (absent: all of them). `number` includes `integer`, so integer to
 * number widens and number to integer narrows; ["number", "null"] to "number" narrows.
 */
import { childPointer } from './json-pointer.js';
import { keywordPath } from './keyword-path.js';
import { invalidSchema } from './invalid-schema.js';
import type { LocatedObject } from './json-schema.js';
import type { WalkContext } from './walk-context.js';

const JSON_TYPES = ['array', 'boolean', 'integer', 'null', 'number', 'object', 'string'];

export function compareType(ctx: WalkContext, oldNode: LocatedObject, newNode: LocatedObject): void {
  const before = typesOf(oldNode);
  const after = typesOf(newNode);
  const widened = [...before].every((type) => after.has(type));
  const narrowed = [...after].every((type) => before.has(type));
  if (widened && narrowed) return;
  const path = keywordPath(newNode, 'type');
  if (widened) ctx.emit('TYPE_EXTENDED', path, 'widens');
  else if (narrowed) ctx.emit('TYPE_NARROWED', path, 'narrows');
  else ctx.emit('TYPE_CHANGED', path, 'changes');
}

function typesOf(node: LocatedObject): Set<string> {
  const value = node.schema.type;
  if (value === undefined) return new Set(JSON_TYPES);
  const listed = typeof value === 'string' ? [value] : value;
  if (
    !Array.isArray(listed) ||
    !listed.every((type) => typeof type === 'string' && JSON_TYPES.includes(type))
  ) {
    throw invalidSchema(
      node,
      childPointer(node.loc, 'type'),
      `type must be one of ${JSON_TYPES.join(', ')} or an array of them`,
    );
  }
  const types = new Set<string>(listed);
  if (types.has('number')) types.add('integer');
  return types;
}
