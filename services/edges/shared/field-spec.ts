/**
 * How a mapping says where a contract field comes from, the same in every adapter:
 *
 *   temperature: /payload/temperature      a JSON pointer into the adapter's context
 *   equipment: { value: R101 }             a constant
 *   label: { jsonata: "levels[1] & '-' & payload.tag" }   a JSONata expression over the context
 *
 * The context is the adapter's: an MQTT message is {topic, levels, payload, receivedAt}, a Sparkplug
 * device {group, node, device, metrics, timestamp, quality, ...}, an OPC UA equipment {values,
 * quality, sourceTimestamp}. A pointer that finds nothing leaves the field out, so the hub's check of
 * the contract names it.
 */
import jsonata from 'jsonata';
import type { MappingProblem } from './load-mapping.js';
import { readPointer } from './json-pointer.js';

export type FieldSpec = string | { value: unknown } | { jsonata: string };

/** The JSON Schema of one FieldSpec, for the adapters' mapping schemas. */
export const FIELD_SPEC_SCHEMA = {
  anyOf: [
    { type: 'string', pattern: '^(/.*)?$' },
    { type: 'object', required: ['value'], properties: { value: true }, additionalProperties: false },
    {
      type: 'object',
      required: ['jsonata'],
      properties: { jsonata: { type: 'string', minLength: 1 } },
      additionalProperties: false,
    },
  ],
} as const;

export type Resolve = (context: object) => Promise<unknown>;

export function compileField(spec: FieldSpec): Resolve {
  if (typeof spec === 'string') return async (context) => readPointer(context, spec);
  if ('value' in spec) {
    const value = spec.value;
    return async () => value;
  }
  const expression = jsonata(spec.jsonata);
  return async (context) => {
    const result: unknown = await expression.evaluate(context);
    return normalise(result);
  };
}

/** Compiles `fields` into one function that builds the contract payload from a context. */
export function compileFields(fields: Record<string, FieldSpec>): (context: object) => Promise<object> {
  const compiled = Object.entries(fields).map(([name, spec]) => [name, compileField(spec)] as const);
  return async (context) => {
    const payload: Record<string, unknown> = {};
    for (const [name, resolve] of compiled) {
      const value = await resolve(context);
      if (value !== undefined) payload[name] = value;
    }
    return payload;
  };
}

/** The JSONata expressions that do not compile, as mapping problems. */
export function checkFieldSpecs(specs: Record<string, FieldSpec | undefined>, at: string): MappingProblem[] {
  const problems: MappingProblem[] = [];
  for (const [name, spec] of Object.entries(specs)) {
    if (spec === undefined || typeof spec !== 'object' || !('jsonata' in spec)) continue;
    try {
      jsonata(spec.jsonata);
    } catch (error) {
      problems.push({
        pointer: `${at}/${name}/jsonata`,
        message: `does not compile: ${(error as Error).message}`,
      });
    }
  }
  return problems;
}

/** JSONata returns arrays with a `sequence` flag and frozen objects; contracts want plain JSON. */
function normalise(value: unknown): unknown {
  if (value === undefined) return undefined;
  return JSON.parse(JSON.stringify(value)) as unknown;
}
