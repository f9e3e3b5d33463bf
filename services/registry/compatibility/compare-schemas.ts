/**
 * The walk: one old node against one new node, keyword by keyword, down through properties, items,
 * combinations and `$ref`s, reporting each difference with whether it breaks the context's reader.
 */
import { compareAdditionalProperties, comparePatternProperties } from './compare-additional-properties.js';
import { compareAnnotations } from './compare-annotations.js';
import { compareArrayKeywords } from './compare-array-keywords.js';
import { compareBounds } from './compare-bounds.js';
import { compareAsBranches, compareCombinations } from './compare-combinations.js';
import { compareConditionals } from './compare-conditionals.js';
import { compareDependencies } from './compare-dependencies.js';
import { compareItems } from './compare-items.js';
import { compareNot } from './compare-not.js';
import { compareProperties } from './compare-properties.js';
import { comparePropertyNames } from './compare-property-names.js';
import { compareRequired } from './compare-required.js';
import { compareStrings } from './compare-strings.js';
import { compareType } from './compare-type.js';
import { compareUnchecked } from './compare-unchecked.js';
import { compareUnit } from './compare-unit.js';
import { compareValues } from './compare-values.js';
import type { Located, LocatedObject } from './json-schema.js';
import { isRefSite, resolveRef } from './resolve-ref.js';
import { sameSchemaText } from './same-json.js';
import type { WalkContext } from './walk-context.js';

export function compareSchemas(ctx: WalkContext, oldNode: Located, newNode: Located): void {
  if (!isRefSite(oldNode) && !isRefSite(newNode)) return compareResolved(ctx, oldNode, newNode);
  // Keyed by where the $refs are written, so a recursive definition meets itself and stops.
  ctx.once(JSON.stringify([oldNode.loc, newNode.loc]), () =>
    compareResolved(ctx, resolveRef(oldNode), resolveRef(newNode)),
  );
}

function compareResolved(ctx: WalkContext, oldNode: Located, newNode: Located): void {
  if (sameSchemaText(oldNode.schema, newNode.schema)) return;
  // `false` accepts nothing: becoming false narrows to nothing, leaving false widens from nothing.
  if (newNode.schema === false) return ctx.emit('FALSE_SCHEMA_ADDED', newNode.loc, 'narrows');
  if (oldNode.schema === false) return ctx.emit('FALSE_SCHEMA_REMOVED', newNode.loc, 'widens');
  const before = asObject(oldNode);
  const after = asObject(newNode);

  compareAnnotations(ctx, before, after);
  compareUnit(ctx, before, after);
  if (compareAsBranches(ctx, before, after)) return;
  compareType(ctx, before, after);
  compareValues(ctx, before, after);
  compareBounds(ctx, before, after);
  compareStrings(ctx, before, after);
  compareRequired(ctx, before, after);
  compareProperties(ctx, before, after);
  compareAdditionalProperties(ctx, before, after);
  comparePatternProperties(ctx, before, after);
  compareDependencies(ctx, before, after);
  compareItems(ctx, before, after);
  compareArrayKeywords(ctx, before, after);
  compareCombinations(ctx, before, after);
  compareNot(ctx, before, after);
  compareConditionals(ctx, before, after);
  comparePropertyNames(ctx, before, after);
  compareUnchecked(ctx, before, after);
}

/** `true` accepts everything, exactly as `{}` does. */
function asObject(node: Located): LocatedObject {
  return { ...node, schema: node.schema === true ? {} : (node.schema as LocatedObject['schema']) };
}
