/**
 * The one directional check: can a reader holding one schema read every instance written with the
 * other? backward: the old schema writes and the new reads; forward: the reverse. Either way the
 * changes are named as edits from old to new; only their `breaking` depends on the direction.
 */
import { DxError } from '../../common/errors/dx-error.js';
import { compareSchemas } from './compare-schemas.js';
import type { Direction } from './compatibility-mode.js';
import type { SchemaChange } from './compatibility.types.js';
import { isJsonSchema, type JsonSchema, type Side } from './json-schema.js';
import { mergeChanges } from './merge-changes.js';
import { WalkContext } from './walk-context.js';

export interface DirectionOptions {
  direction: Direction;
  lenient: boolean;
}

export function diffForDirection(
  oldSchema: unknown,
  newSchema: unknown,
  options: DirectionOptions,
): SchemaChange[] {
  const before = asRoot(oldSchema, 'old');
  const after = asRoot(newSchema, 'new');
  const ctx = WalkContext.start(options.direction, options.lenient, compareSchemas);
  ctx.walk(
    { root: before, side: 'old', schema: before, loc: '#' },
    { root: after, side: 'new', schema: after, loc: '#' },
  );
  return mergeChanges(ctx.changes);
}

function asRoot(schema: unknown, side: Side): JsonSchema {
  if (isJsonSchema(schema)) return schema;
  throw new DxError('SCHEMA_INVALID', `${side} schema: a JSON Schema is an object or a boolean`, {
    schema: side,
    pointer: '#',
    rule: 'a JSON Schema is an object or a boolean',
  });
}
