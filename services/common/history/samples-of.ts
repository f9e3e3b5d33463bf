/**
 * The samples of an event: one per numeric field its version declares (numeric-fields.ts) that holds a
 * finite number, at the time given (the event's event time, or its recorded time when the version
 * names none).
 */
import { valueAtPointer } from '../schemas/event-time-pointer.js';
import type { JsonSchema } from '../schemas/json-schema.types.js';
import { numericFields } from './numeric-fields.js';

/** The schema of a contract version, as the registry has it; undefined when unknown. */
export type SchemaLookup = (contractId: string, version: string) => JsonSchema | undefined;

export interface Sample {
  field: string;
  unit: string | null;
  at: string;
  value: number;
}

export function samplesOf(
  data: Record<string, unknown>,
  at: string,
  schema: JsonSchema | undefined,
): Sample[] {
  if (schema === undefined) return [];
  const samples: Sample[] = [];
  for (const { pointer, unit } of numericFields(schema)) {
    const value = valueAtPointer(data, pointer);
    if (typeof value === 'number' && Number.isFinite(value))
      samples.push({ field: pointer, unit, at, value });
  }
  return samples;
}
