/**
 * Which fields of a contract version are numbers, and in which unit: what the history projection
 * keeps as samples, and what a history query may ask for. Read from the version's schema: properties of
 * type number or integer at any depth of nested objects, each with its `x-unit`. Numbers inside arrays
 * and maps (additionalProperties) have no fixed pointer and are not projected; a query can still ask
 * for one by its pointer (`/bedTemperatures/0`), and is then answered from the log.
 */
import { isSchemaObject, type JsonSchema, type SchemaObject } from '../schemas/json-schema.types.js';
import { pointerTokens } from '../schemas/pointer-tokens.js';

export interface NumericField {
  /** JSON pointer into the payload, e.g. /temperature. */
  pointer: string;
  /** The field's x-unit, or null when the schema gives none. */
  unit: string | null;
}

const cache = new WeakMap<object, NumericField[]>();

export function numericFields(schema: JsonSchema): NumericField[] {
  if (!isSchemaObject(schema)) return [];
  let fields = cache.get(schema);
  if (!fields) {
    fields = [];
    collect(schema, schema, '', fields, 0);
    cache.set(schema, fields);
  }
  return fields;
}

function collect(
  root: SchemaObject,
  node: SchemaObject,
  pointer: string,
  into: NumericField[],
  depth: number,
) {
  const properties = resolve(root, node).properties;
  if (!isSchemaObject(properties) || depth > 16) return;
  for (const [name, child] of Object.entries(properties)) {
    if (!isSchemaObject(child)) continue;
    const field = resolve(root, child);
    const at = `${pointer}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (isNumeric(field)) into.push({ pointer: at, unit: unitOf(child, field) });
    else collect(root, field, at, into, depth + 1);
  }
}

/** The schema node a payload pointer leads to (through properties, items and additionalProperties). */
export function schemaAtPointer(schema: JsonSchema, pointer: string): SchemaObject | undefined {
  if (!isSchemaObject(schema)) return undefined;
  let node: SchemaObject | undefined = schema;
  for (const token of pointerTokens(pointer)) {
    const at: SchemaObject = resolve(schema, node!);
    const properties = at.properties;
    const next: unknown =
      isSchemaObject(properties) && isSchemaObject(properties[token])
        ? properties[token]
        : /^\d+$/.test(token) && isSchemaObject(at.items)
          ? at.items
          : isSchemaObject(at.additionalProperties)
            ? at.additionalProperties
            : undefined;
    if (!isSchemaObject(next)) return undefined;
    node = next;
  }
  return node;
}

/** The unit of the number at a pointer, or null when the schema gives none; undefined if not a number. */
export function unitAtPointer(schema: JsonSchema, pointer: string): string | null | undefined {
  const node = schemaAtPointer(schema, pointer);
  if (!node || !isSchemaObject(schema)) return undefined;
  const field = resolve(schema, node);
  return isNumeric(field) ? unitOf(node, field) : undefined;
}

function unitOf(node: SchemaObject, field: SchemaObject): string | null {
  const unit = node['x-unit'] ?? field['x-unit'];
  return typeof unit === 'string' ? unit : null;
}

function isNumeric(node: SchemaObject): boolean {
  const type = node.type;
  return (
    type === 'number' ||
    type === 'integer' ||
    (Array.isArray(type) && type.some((t) => t === 'number' || t === 'integer'))
  );
}

function resolve(root: SchemaObject, node: SchemaObject): SchemaObject {
  const ref = node.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return node;
  let current: unknown = root;
  for (const token of pointerTokens(ref.slice(1))) {
    if (!isSchemaObject(current)) return node;
    current = current[token];
  }
  return isSchemaObject(current) ? current : node;
}
