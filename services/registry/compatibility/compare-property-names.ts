/**
 * propertyNames: a schema every property name must satisfy. It is compared as the schema of a
 * string value in the same direction (an absent one accepts every name): a new pattern, a shorter
 * maxLength, an enum of names narrows what an object may hold; dropping them widens it.
 */
import { branch } from './compare-conditionals.js';
import type { LocatedObject } from './json-schema.js';
import type { WalkContext } from './walk-context.js';

export function comparePropertyNames(ctx: WalkContext, oldNode: LocatedObject, newNode: LocatedObject): void {
  const [before, after] = [oldNode.schema.propertyNames, newNode.schema.propertyNames];
  if (before === undefined && after === undefined) return;
  ctx.walk(branch(oldNode, 'propertyNames', before), branch(newNode, 'propertyNames', after));
}
