/**
 * `required`. A newly required property breaks a new reader of old data that lacks it, unless the
 * reader can fill in its default; a property no longer required breaks an old reader of new data
 * the same way. The other direction is always fine.
 */
import { childPointer } from './json-pointer.js';
import type { LocatedObject } from './json-schema.js';
import { hasDefault } from './has-default.js';
import { schemaMapKeyword, stringListKeyword } from './schema-keywords.js';
import type { WalkContext } from './walk-context.js';

export function compareRequired(ctx: WalkContext, oldNode: LocatedObject, newNode: LocatedObject): void {
  const before = new Set(stringListKeyword(oldNode, 'required') ?? []);
  const after = new Set(stringListKeyword(newNode, 'required') ?? []);
  for (const name of after) {
    if (before.has(name)) continue;
    const withDefault = hasDefault(schemaMapKeyword(newNode, 'properties')?.get(name));
    ctx.emit(
      withDefault ? 'REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED' : 'REQUIRED_ATTRIBUTE_ADDED',
      childPointer(newNode.loc, 'properties', name),
      ctx.direction === 'backward' && !withDefault,
    );
  }
  for (const name of before) {
    if (after.has(name)) continue;
    const withDefault = hasDefault(schemaMapKeyword(oldNode, 'properties')?.get(name));
    ctx.emit(
      'REQUIRED_ATTRIBUTE_REMOVED',
      childPointer(newNode.loc, 'properties', name),
      ctx.direction === 'forward' && !withDefault,
    );
  }
}
