/**
 * The plant telemetry schemas the compatibility cases are written in: fields of a reactor reading and
 * objects with closed, open and partially open content models.
 */
import type { SchemaObject } from '../json-schema.js';

export const temperature = { type: 'number', description: 'Reactor bed temperature.', 'x-unit': 'degC' };
export const pressure = { type: 'number', description: 'Outlet pressure.', 'x-unit': 'bar' };
export const flow = { type: 'number', description: 'Feed flow rate.', 'x-unit': 'm3/h' };
export const tag = { type: 'string', description: 'Instrument tag, e.g. TI-101.' };
export const quality = { type: 'string', description: 'OPC quality.', enum: ['good', 'uncertain', 'bad'] };

/** An object whose content model is closed, as the plant's contracts are. */
export function closed(
  properties: SchemaObject,
  required: string[] = [],
  extra: SchemaObject = {},
): SchemaObject {
  return { type: 'object', additionalProperties: false, properties, required, ...extra };
}

/** An object with an open content model (additionalProperties absent). */
export function open(
  properties: SchemaObject,
  required: string[] = [],
  extra: SchemaObject = {},
): SchemaObject {
  return { type: 'object', properties, required, ...extra };
}

/** An object whose undeclared properties must be numbers (a partially open content model). */
export function numbersBeside(properties: SchemaObject, extra: SchemaObject = {}): SchemaObject {
  return { type: 'object', additionalProperties: { type: 'number' }, properties, ...extra };
}

/** A reading of the temperature alone, with extra keywords on it. */
export function temperatureReading(keywords: SchemaObject): SchemaObject {
  return closed({ tag, temperature: { ...temperature, ...keywords } }, ['tag', 'temperature']);
}

/** A reading with one more field (`field`) besides the tag. */
export function reading(field: string, schema: unknown): SchemaObject {
  return closed({ tag, [field]: schema }, ['tag']);
}

export const samples = (keywords: SchemaObject) =>
  reading('samples', {
    type: 'array',
    description: 'Last readings.',
    items: { type: 'number' },
    ...keywords,
  });
