/**
 * A contract version's documentation, rendered from its JSON Schema: every field in schema order (as
 * the properties are written), nested objects and array items indented under their parent, each with
 * its type, unit, bounds, whether it is required, its description and its value in the example.
 */
import type { JsonSchema } from '../api/types';
import { orderedProperties } from './property-order';

export interface FieldRow {
  pointer: string;
  name: string;
  depth: number;
  type: string;
  unit?: string;
  bounds: string[];
  required: boolean;
  description?: string;
  example?: unknown;
}

const BOUND_KEYWORDS: [string, (v: unknown, s: JsonSchema) => string | null][] = [
  ['minimum', (v, s) => (s.exclusiveMinimum === true ? `> ${v}` : `≥ ${v}`)],
  ['exclusiveMinimum', (v) => (typeof v === 'number' ? `> ${v}` : null)],
  ['maximum', (v, s) => (s.exclusiveMaximum === true ? `< ${v}` : `≤ ${v}`)],
  ['exclusiveMaximum', (v) => (typeof v === 'number' ? `< ${v}` : null)],
  ['multipleOf', (v) => `multiple of ${v}`],
  ['minLength', (v) => `at least ${v} characters`],
  ['maxLength', (v) => `at most ${v} characters`],
  ['pattern', (v) => `matches ${v}`],
  ['format', (v) => `format ${v}`],
  ['enum', (v) => `one of ${(v as unknown[]).map((x) => JSON.stringify(x)).join(', ')}`],
  ['const', (v) => `always ${JSON.stringify(v)}`],
  ['minItems', (v) => `at least ${v} items`],
  ['maxItems', (v) => `at most ${v} items`],
  ['uniqueItems', (v) => (v === true ? 'items unique' : null)],
  ['minProperties', (v) => `at least ${v} properties`],
  ['maxProperties', (v) => `at most ${v} properties`],
  ['default', (v) => `default ${JSON.stringify(v)}`],
];

export function fieldRows(schema: JsonSchema): FieldRow[] {
  const root = schema;
  const example = Array.isArray(schema.examples) ? schema.examples[0] : undefined;
  const rows: FieldRow[] = [];
  const visit = (
    node: JsonSchema,
    pointer: string,
    name: string,
    depth: number,
    required: boolean,
    value: unknown,
  ) => {
    const s = resolve(root, node);
    rows.push({
      pointer,
      name,
      depth,
      type: typeOf(s),
      unit: typeof s['x-unit'] === 'string' ? (s['x-unit'] as string) : undefined,
      bounds: BOUND_KEYWORDS.flatMap(([k, f]) =>
        s[k] === undefined ? [] : [f(s[k], s)].filter((x): x is string => x !== null),
      ),
      required,
      description: typeof s.description === 'string' ? s.description : undefined,
      example: value,
    });
    children(root, s, pointer, depth + 1, value, visit);
  };
  children(root, resolve(root, schema), '', 0, example, visit);
  return rows;
}

type Visit = (
  node: JsonSchema,
  pointer: string,
  name: string,
  depth: number,
  required: boolean,
  value: unknown,
) => void;

function children(
  root: JsonSchema,
  s: JsonSchema,
  pointer: string,
  depth: number,
  value: unknown,
  visit: Visit,
) {
  const required = new Set(Array.isArray(s.required) ? (s.required as string[]) : []);
  if (s.properties && typeof s.properties === 'object') {
    for (const [name, child] of orderedProperties(s)) {
      const v = value && typeof value === 'object' ? (value as Record<string, unknown>)[name] : undefined;
      visit(child, `${pointer}/${escapePointer(name)}`, name, depth, required.has(name), v);
    }
  }
  const items = s.items;
  if (items && typeof items === 'object' && !Array.isArray(items)) {
    const first = Array.isArray(value) ? value[0] : undefined;
    visit(items as JsonSchema, `${pointer}/0`, '[each item]', depth, false, first);
  }
  for (const combinator of ['oneOf', 'anyOf', 'allOf'] as const) {
    const branches = s[combinator];
    if (!Array.isArray(branches)) continue;
    branches.forEach((branch, i) => {
      const b = resolve(root, branch as JsonSchema);
      if (b.properties) children(root, b, pointer, depth, value, visit);
      else visit(b, pointer, `${combinator} ${i + 1}`, depth, false, undefined);
    });
  }
}

/** Follows a local $ref (#/$defs/..., #/definitions/...); the referring schema's own keywords win. */
export function resolve(root: JsonSchema, node: JsonSchema): JsonSchema {
  const ref = node.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#')) return node;
  let target: unknown = root;
  for (const token of ref.slice(1).split('/').filter(Boolean)) {
    target = (target as Record<string, unknown> | undefined)?.[token.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  if (!target || typeof target !== 'object') return node;
  const { $ref: _ref, ...own } = node;
  return { ...(target as JsonSchema), ...own };
}

function typeOf(s: JsonSchema): string {
  if (Array.isArray(s.type)) return (s.type as string[]).join(' | ');
  if (typeof s.type === 'string') {
    if (s.type === 'array' && s.items && typeof s.items === 'object' && !Array.isArray(s.items)) {
      const inner = (s.items as JsonSchema).type;
      return typeof inner === 'string' ? `array of ${inner}` : 'array';
    }
    return s.type;
  }
  if (s.enum) return 'enum';
  if (s.const !== undefined) return 'const';
  for (const c of ['oneOf', 'anyOf', 'allOf']) if (Array.isArray(s[c])) return c;
  return 'any';
}

function escapePointer(name: string): string {
  return name.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function SchemaFields({ schema, caption }: { schema: JsonSchema; caption?: string }) {
  const rows = fieldRows(schema);
  return (
    <div className="table-scroll">
      <table className="fields">
        {caption && <caption>{caption}</caption>}
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Type</th>
            <th scope="col">Unit</th>
            <th scope="col">Bounds</th>
            <th scope="col">Description</th>
            <th scope="col">Example</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.pointer + row.name}>
              <th scope="row" style={{ paddingLeft: `${0.6 + row.depth * 1.2}rem` }}>
                <code>{row.name}</code>
                {row.required && (
                  <span className="required" title="required">
                    {' '}
                    required
                  </span>
                )}
              </th>
              <td>{row.type}</td>
              <td>{row.unit ? <code>{row.unit}</code> : ''}</td>
              <td className="bounds">{row.bounds.join('; ')}</td>
              <td>{row.description}</td>
              <td className="example">
                {row.example === undefined || (typeof row.example === 'object' && row.example !== null) ? (
                  ''
                ) : (
                  <code>{JSON.stringify(row.example)}</code>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
