/**
 * `additionalProperties` and `patternProperties`: what an object accepts under names it does not
 * declare. Opening a content model widens it, closing one narrows it. Lenient mode takes a writer
 * whose model is open to send only what it declares, so opening or closing an open model then
 * breaks nobody; partially open models (a schema, or a pattern) are judged strictly in both modes.
 */
import { childPointer } from './json-pointer.js';
import type { LocatedObject } from './json-schema.js';
import { modelOf, slot } from './content-model.js';
import { breaksIn } from './effect.js';
import { schemaMapKeyword } from './schema-keywords.js';
import type { WalkContext } from './walk-context.js';

export function compareAdditionalProperties(
  ctx: WalkContext,
  oldNode: LocatedObject,
  newNode: LocatedObject,
): void {
  const before = slot(oldNode, 'additionalProperties');
  const after = slot(newNode, 'additionalProperties');
  const was = modelOf(before.schema);
  const is = modelOf(after.schema);
  if (was === 'partial' && is === 'partial') {
    ctx.walk(before, after);
    return;
  }
  if (was === is) return;
  const widens = was === 'closed' || is === 'open';
  const writerModel = ctx.direction === 'backward' ? was : is;
  const assumedAbsent = ctx.lenient && writerModel === 'open';
  ctx.emit(
    widens ? 'ADDITIONAL_PROPERTIES_EXTENDED' : 'ADDITIONAL_PROPERTIES_NARROWED',
    after.loc,
    breaksIn(widens ? 'widens' : 'narrows', ctx.direction) && !assumedAbsent,
  );
}

/**
 * A pattern in both is compared in depth. A pattern added takes names the old additionalProperties
 * governed; a pattern removed hands its names to the new additionalProperties.
 */
export function comparePatternProperties(
  ctx: WalkContext,
  oldNode: LocatedObject,
  newNode: LocatedObject,
): void {
  const before = schemaMapKeyword(oldNode, 'patternProperties') ?? new Map();
  const after = schemaMapKeyword(newNode, 'patternProperties') ?? new Map();
  for (const [pattern, schema] of after) {
    const previous = before.get(pattern);
    if (previous) {
      ctx.walk(previous, schema);
      continue;
    }
    const governing = slot(oldNode, 'additionalProperties');
    const assumedAbsent = ctx.lenient && modelOf(governing.schema) === 'open' && ctx.direction === 'backward';
    ctx.emit('PATTERN_PROPERTY_ADDED', schema.loc, !ctx.compatible(governing, schema) && !assumedAbsent);
  }
  for (const [pattern, schema] of before) {
    if (after.has(pattern)) continue;
    const governing = slot(newNode, 'additionalProperties');
    const assumedAbsent = ctx.lenient && modelOf(governing.schema) === 'open' && ctx.direction === 'forward';
    ctx.emit(
      'PATTERN_PROPERTY_REMOVED',
      childPointer(newNode.loc, 'patternProperties', pattern),
      !ctx.compatible(schema, governing) && !assumedAbsent,
    );
  }
}
