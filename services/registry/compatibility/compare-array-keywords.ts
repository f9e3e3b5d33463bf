/** `uniqueItems` and `contains`, the array constraints that are neither items nor counts. */
import { childPointer } from './json-pointer.js';
import { keywordPath } from './keyword-path.js';
import { invalidSchema } from './invalid-schema.js';
import type { LocatedObject } from './json-schema.js';
import { schemaKeyword } from './schema-keywords.js';
import type { WalkContext } from './walk-context.js';

export function compareArrayKeywords(ctx: WalkContext, oldNode: LocatedObject, newNode: LocatedObject): void {
  const wasUnique = unique(oldNode);
  const isUnique = unique(newNode);
  if (wasUnique !== isUnique) {
    ctx.emit(
      isUnique ? 'UNIQUE_ITEMS_ADDED' : 'UNIQUE_ITEMS_REMOVED',
      keywordPath(newNode, 'uniqueItems'),
      isUnique ? 'narrows' : 'widens',
    );
  }
  // "At least one item matches": a wider contains schema accepts more arrays, so walk it as is.
  const before = schemaKeyword(oldNode, 'contains');
  const after = schemaKeyword(newNode, 'contains');
  if (before && after) ctx.walk(before, after);
  else if (after) ctx.emit('CONTAINS_ADDED', after.loc, 'narrows');
  else if (before) ctx.emit('CONTAINS_REMOVED', keywordPath(newNode, 'contains'), 'widens');
}

function unique(node: LocatedObject): boolean {
  const value = node.schema.uniqueItems;
  if (value !== undefined && typeof value !== 'boolean') {
    throw invalidSchema(node, childPointer(node.loc, 'uniqueItems'), 'uniqueItems must be true or false');
  }
  return value === true;
}
