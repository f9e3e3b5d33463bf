/**
 * Documentation completeness: a contract version must describe itself. The schema needs a title
 * and a description, every property at any depth a description, every numeric value a unit
 * (`x-unit`, a UCUM code: "1" when dimensionless), and at least one example, each of which must validate. An
 * `x-event-time` must point at a date-time string of the payload.
 * Every missing item is reported at once, with its JSON pointer into the schema.
 */
import { compileSchema } from '../../common/schemas/compile-schema.js';
import { valueAtPointer } from '../compatibility/json-pointer.js';
import { localRefTarget } from '../compatibility/local-ref-target.js';
import { EVENT_TIME_KEYWORD, eventTimeProblem } from '../../common/schemas/event-time-pointer.js';
import { ucumProblem } from '../../common/units/ucum.js';
import {
  isSchemaObject,
  type JsonSchema,
  type SchemaObject,
} from '../../common/schemas/json-schema.types.js';

export interface DocumentationGap {
  pointer: string;
  rule: 'title' | 'description' | 'x-unit' | 'x-event-time' | 'examples' | 'example-invalid';
  message: string;
}

const SUBSCHEMA_MAPS = ['properties', 'patternProperties'] as const;
const SUBSCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'] as const;
const SUBSCHEMAS = [
  'items',
  'additionalItems',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
] as const;
const DEFINITIONS = ['$defs', 'definitions'] as const;

export function checkDocumentation(schema: JsonSchema): DocumentationGap[] {
  if (!isSchemaObject(schema)) {
    return [
      { pointer: '', rule: 'description', message: 'a contract schema must be an object, not a boolean' },
    ];
  }
  const gaps: DocumentationGap[] = [];
  if (!nonEmpty(schema.title)) gaps.push({ pointer: '', rule: 'title', message: 'the schema has no title' });
  if (!nonEmpty(schema.description)) {
    gaps.push({ pointer: '', rule: 'description', message: 'the schema has no description' });
  }
  const eventTime = eventTimeProblem(schema);
  if (eventTime) gaps.push({ pointer: `/${EVENT_TIME_KEYWORD}`, rule: 'x-event-time', message: eventTime });
  walk(schema, schema, '', false, gaps, new Set());
  gaps.push(...checkExamples(schema));
  return gaps;
}

function walk(
  root: SchemaObject,
  node: unknown,
  pointer: string,
  isProperty: boolean,
  gaps: DocumentationGap[],
  visited: Set<unknown>,
): void {
  if (!isSchemaObject(node) || visited.has(node)) return;
  visited.add(node);
  const target = resolveLocalRef(root, node);
  if (isProperty && !nonEmpty(node.description) && !nonEmpty(target?.description)) {
    gaps.push({ pointer, rule: 'description', message: `property ${pointer} has no description` });
  }
  if (isNumeric(node) && !nonEmpty(node['x-unit'])) {
    gaps.push({
      pointer,
      rule: 'x-unit',
      message: `numeric value ${pointer || '(root)'} has no unit (x-unit; "1" if dimensionless)`,
    });
  }
  const unit = node['x-unit'];
  const notUcum = typeof unit === 'string' && unit.trim() !== '' ? ucumProblem(unit) : null;
  if (notUcum) {
    gaps.push({
      pointer: `${pointer}/x-unit`,
      rule: 'x-unit',
      message: `x-unit ${JSON.stringify(unit)} of ${pointer || '(root)'} is not a UCUM code (e.g. Cel, K, MPa, bar, L/min, {rev}/min): ${notUcum}`,
    });
  }
  for (const keyword of SUBSCHEMA_MAPS) {
    const map = node[keyword];
    if (!isSchemaObject(map)) continue;
    for (const [name, child] of Object.entries(map)) {
      walk(root, child, `${pointer}/${keyword}/${escape(name)}`, true, gaps, visited);
    }
  }
  if (isSchemaObject(node.additionalProperties)) {
    walk(root, node.additionalProperties, `${pointer}/additionalProperties`, true, gaps, visited);
  }
  for (const keyword of SUBSCHEMA_LISTS) {
    const list = node[keyword];
    if (Array.isArray(list))
      list.forEach((child, i) => walk(root, child, `${pointer}/${keyword}/${i}`, false, gaps, visited));
  }
  for (const keyword of SUBSCHEMAS) {
    const child = node[keyword];
    if (Array.isArray(child))
      child.forEach((c, i) => walk(root, c, `${pointer}/${keyword}/${i}`, false, gaps, visited));
    else walk(root, child, `${pointer}/${keyword}`, false, gaps, visited);
  }
  for (const keyword of DEFINITIONS) {
    const defs = node[keyword];
    if (!isSchemaObject(defs)) continue;
    for (const [name, child] of Object.entries(defs)) {
      walk(root, child, `${pointer}/${keyword}/${escape(name)}`, false, gaps, visited);
    }
  }
}

function checkExamples(schema: SchemaObject): DocumentationGap[] {
  const examples = schema.examples;
  if (!Array.isArray(examples) || examples.length === 0) {
    return [
      { pointer: '/examples', rule: 'examples', message: 'the schema carries no example (examples: [...])' },
    ];
  }
  let validate: (payload: unknown) => { pointer: string; message: string }[];
  try {
    validate = compileSchema(schema).validate;
  } catch {
    return []; // the schema itself does not compile: that is reported as SCHEMA_INVALID, not here
  }
  return examples.flatMap((example, i) =>
    validate(example).map((issue) => ({
      pointer: `/examples/${i}`,
      rule: 'example-invalid' as const,
      message: `example ${i} does not validate: ${issue.message} (at ${issue.pointer || '/'})`,
    })),
  );
}

function isNumeric(node: SchemaObject): boolean {
  const type = node.type;
  return (
    type === 'number' ||
    type === 'integer' ||
    (Array.isArray(type) && type.some((t) => t === 'number' || t === 'integer'))
  );
}

/** The definition a `$ref` names in the same document (JSON pointer, $anchor or embedded $id). */
function resolveLocalRef(root: SchemaObject, node: SchemaObject): SchemaObject | undefined {
  const ref = node.$ref;
  if (typeof ref !== 'string') return undefined;
  const pointer = localRefTarget(root, ref);
  const target = pointer === undefined ? undefined : valueAtPointer(root, pointer);
  return isSchemaObject(target) ? target : undefined;
}

function nonEmpty(value: unknown): boolean {
  return typeof value === 'string' && value.trim().length > 0;
}

function escape(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}
