/**
 * `enum` and `const`, compared as sets of allowed values (a const is a set of one), so that a
 * const widened into an enum that keeps its value reads as ENUM_ARRAY_EXTENDED.
 */
import type { ChangeType } from './change-types.js';
import type { Effect } from './effect.js';
import { canonicalJson } from '../../common/event-store/canonical-json.js';
import { childPointer } from './json-pointer.js';
import { keywordPath } from './keyword-path.js';
import { invalidSchema } from './invalid-schema.js';
import type { LocatedObject } from './json-schema.js';
import type { WalkContext } from './walk-context.js';

interface AllowedValues {
  keyword: 'enum' | 'const';
  values: Set<string>;
}

export function compareValues(ctx: WalkContext, oldNode: LocatedObject, newNode: LocatedObject): void {
  const before = allowedValues(oldNode);
  const after = allowedValues(newNode);
  if (after && !before) {
    const path = keywordPath(newNode, after.keyword);
    ctx.emit(after.keyword === 'const' ? 'CONST_ADDED' : 'ENUM_ARRAY_ADDED', path, 'narrows');
  } else if (before && !after) {
    const path = keywordPath(newNode, before.keyword);
    ctx.emit(before.keyword === 'const' ? 'CONST_REMOVED' : 'ENUM_ARRAY_REMOVED', path, 'widens');
  } else if (before && after) {
    const [type, effect] = compareSets(before, after);
    if (type) ctx.emit(type, keywordPath(newNode, after.keyword), effect);
  }
}

function compareSets(before: AllowedValues, after: AllowedValues): [ChangeType | undefined, Effect] {
  const widened = [...before.values].every((value) => after.values.has(value));
  const narrowed = [...after.values].every((value) => before.values.has(value));
  if (widened && narrowed) return [undefined, 'neutral'];
  if (before.keyword === 'const' && after.keyword === 'const') return ['CONST_CHANGED', 'changes'];
  if (widened) return ['ENUM_ARRAY_EXTENDED', 'widens'];
  if (narrowed) return ['ENUM_ARRAY_NARROWED', 'narrows'];
  return ['ENUM_ARRAY_CHANGED', 'changes'];
}

function allowedValues(node: LocatedObject): AllowedValues | undefined {
  if (Object.hasOwn(node.schema, 'const')) {
    return { keyword: 'const', values: new Set([canonicalJson(node.schema.const)]) };
  }
  const values = node.schema.enum;
  if (values === undefined) return undefined;
  if (!Array.isArray(values))
    throw invalidSchema(node, childPointer(node.loc, 'enum'), 'enum must be an array');
  return { keyword: 'enum', values: new Set(values.map((value) => canonicalJson(value))) };
}
