/**
 * Array items: tuple positions side by side, positions added or removed judged by the content
 * model beyond the tuple (as properties are), and the schema for the remaining items. Lenient mode
 * is about object properties only; arrays are always judged strictly.
 */
import type { ChangeType } from './change-types.js';
import { arrayShape, type ArrayShape } from './array-shape.js';
import { modelOf, type ContentModel } from './content-model.js';
import { childPointer } from './json-pointer.js';
import type { Located, LocatedObject } from './json-schema.js';
import type { WalkContext } from './walk-context.js';

type Judgement = 'open' | 'closed' | 'covered' | 'uncovered';

const ADDED: Record<Judgement, ChangeType> = {
  open: 'ITEM_ADDED_TO_OPEN_CONTENT_MODEL',
  closed: 'ITEM_ADDED_TO_CLOSED_CONTENT_MODEL',
  covered: 'ITEM_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
  uncovered: 'ITEM_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
};
const REMOVED: Record<Judgement, ChangeType> = {
  open: 'ITEM_REMOVED_FROM_OPEN_CONTENT_MODEL',
  closed: 'ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL',
  covered: 'ITEM_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
  uncovered: 'ITEM_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
};

export function compareItems(ctx: WalkContext, oldNode: LocatedObject, newNode: LocatedObject): void {
  const before = arrayShape(oldNode);
  const after = arrayShape(newNode);
  const shared = Math.min(before.tuple.length, after.tuple.length);
  before.tuple.slice(0, shared).forEach((item, index) => ctx.walk(item, after.tuple[index] as Located));
  // A position the new tuple adds held, in old data, whatever the old schema allowed beyond its tuple.
  for (const item of after.tuple.slice(shared)) {
    judge(ctx, ADDED, modelOf(before.rest.schema), before.rest, item, item.loc);
  }
  // A position the new tuple drops may hold, in new data, whatever the new schema allows beyond it.
  before.tuple.slice(shared).forEach((item, offset) => {
    const path = childPointer(newNode.loc, before.tupleKeyword, shared + offset);
    judge(ctx, REMOVED, modelOf(after.rest.schema), item, after.rest, path);
  });
  compareRest(ctx, before, after, newNode);
}

function judge(
  ctx: WalkContext,
  names: Record<Judgement, ChangeType>,
  model: ContentModel,
  oldItem: Located,
  newItem: Located,
  path: string,
): void {
  const covered = ctx.compatible(oldItem, newItem);
  const name: Judgement = model === 'partial' ? (covered ? 'covered' : 'uncovered') : model;
  ctx.emit(names[name], path, !covered);
}

function compareRest(ctx: WalkContext, before: ArrayShape, after: ArrayShape, newNode: LocatedObject): void {
  const keyword = after.restWritten || !before.restWritten ? after.restKeyword : before.restKeyword;
  const was = modelOf(before.rest.schema);
  const is = modelOf(after.rest.schema);
  if (was === 'partial' && is === 'partial') {
    ctx.walk(before.rest, after.rest);
    return;
  }
  if (was === is) return;
  const widens = was === 'closed' || is === 'open';
  const name = keyword === 'items' ? 'ITEMS' : 'ADDITIONAL_ITEMS';
  ctx.emit(
    widens ? `${name}_EXTENDED` : `${name}_NARROWED`,
    childPointer(newNode.loc, keyword),
    widens ? 'widens' : 'narrows',
  );
}
