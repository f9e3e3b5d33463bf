/**
 * `properties`: a property in both schemas is compared in depth; a property added or removed is
 * judged by the content model it leaves or enters. In both directions the question is the same:
 * does the reader's schema for that name accept what the writer's data may hold under it?
 */
import { childPointer } from './json-pointer.js';
import type { Located, LocatedObject } from './json-schema.js';
import { governingProperty } from './content-model.js';
import { hasDefault } from './has-default.js';
import { schemaMapKeyword, stringListKeyword } from './schema-keywords.js';
import type { WalkContext } from './walk-context.js';

export function compareProperties(ctx: WalkContext, oldNode: LocatedObject, newNode: LocatedObject): void {
  const before = schemaMapKeyword(oldNode, 'properties') ?? new Map<string, Located>();
  const after = schemaMapKeyword(newNode, 'properties') ?? new Map<string, Located>();
  const required = new Set(stringListKeyword(newNode, 'required') ?? []);
  for (const [name, property] of after) {
    const previous = before.get(name);
    if (previous) ctx.walk(previous, property);
    else propertyAdded(ctx, oldNode, name, property, required.has(name));
  }
  for (const [name, property] of before) {
    if (!after.has(name)) propertyRemoved(ctx, newNode, name, property);
  }
}

/** Old data may hold `name` as the old content model allowed; new data holds it as declared. */
function propertyAdded(
  ctx: WalkContext,
  oldNode: LocatedObject,
  name: string,
  added: Located,
  required: boolean,
): void {
  const governing = governingProperty(oldNode, name);
  const covered = ctx.compatible(governing.schema, added);
  switch (governing.model) {
    case 'open': {
      // Lenient: an old writer with an open model is taken to send only what it declared.
      const assumedAbsent = ctx.lenient && !governing.byPattern && ctx.direction === 'backward';
      ctx.emit('PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL', added.loc, !covered && !assumedAbsent);
      return;
    }
    case 'closed': {
      if (!required) {
        ctx.emit('OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL', added.loc, !covered);
        return;
      }
      // Old data never has it; a new reader copes only if it can fill in a default.
      const withDefault = hasDefault(added);
      ctx.emit(
        withDefault
          ? 'REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_UNOPEN_CONTENT_MODEL'
          : 'REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL',
        added.loc,
        !covered || (ctx.direction === 'backward' && !withDefault),
      );
      return;
    }
    case 'partial':
      ctx.emit(
        covered
          ? 'PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL'
          : 'PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
        added.loc,
        !covered,
      );
  }
}

/** Old data holds `name` as it was declared; new data may hold it as the new content model allows. */
function propertyRemoved(ctx: WalkContext, newNode: LocatedObject, name: string, removed: Located): void {
  const governing = governingProperty(newNode, name);
  const covered = ctx.compatible(removed, governing.schema);
  const path = childPointer(newNode.loc, 'properties', name);
  switch (governing.model) {
    case 'open': {
      // Lenient: a new writer with an open model is taken to send only what it declares.
      const assumedAbsent = ctx.lenient && !governing.byPattern && ctx.direction === 'forward';
      ctx.emit('PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL', path, !covered && !assumedAbsent);
      return;
    }
    case 'closed':
      ctx.emit('PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL', path, !covered);
      return;
    case 'partial':
      ctx.emit(
        covered
          ? 'PROPERTY_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL'
          : 'PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
        path,
        !covered,
      );
  }
}
