/**
 * Units a consumer asks for, per field (`{"/temperature": "K", "/pressure": "bar"}`), on a replay, a
 * history query or a latest value. Checked at once against the contract (each a UCUM code, each field a
 * number in some version, each convertible from the field's unit: a refusal names both units), then
 * applied to each event's data from the unit of the event's own version.
 */
import { DxError } from '../errors/dx-error.js';
import { unitAtPointer } from '../history/numeric-fields.js';
import { valueAtPointer } from '../schemas/event-time-pointer.js';
import type { JsonSchema } from '../schemas/json-schema.types.js';
import { checkedUnit, conversionOrRefusal } from './requested-units.js';
import { conversionBetween } from './ucum.js';
import { pointerTokens } from '../schemas/pointer-tokens.js';

export type ConsumerUnits = Record<string, string>;

export function parseConsumerUnits(value: unknown, field = 'units'): ConsumerUnits | undefined {
  if (value === undefined || value === null) return undefined;
  const ok =
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Object.entries(value).every(([pointer, unit]) => pointer.startsWith('/') && typeof unit === 'string');
  if (!ok) {
    throw new DxError(
      'BAD_ARGUMENT',
      `${field} must map JSON pointers to UCUM units, e.g. {"/temperature": "K"}`,
      {
        field,
        rule: 'type',
        expected: '{pointer: unit}',
      },
    );
  }
  return value as ConsumerUnits;
}

/** The field's unit in the newest schema (schemas newest first) where it is a number; refused if none. */
export function fieldUnit(schemas: JsonSchema[], contractId: string, pointer: string): string | null {
  for (const schema of schemas) {
    const unit = unitAtPointer(schema, pointer);
    if (unit !== undefined) return unit;
  }
  throw new DxError('BAD_ARGUMENT', `${pointer} is not a number in any version of ${contractId}`, {
    field: 'field',
    pointer,
    rule: 'numeric',
    expected: 'a numeric field of the contract',
  });
}

/** Refuses at once what cannot be given: every unit a UCUM code, convertible from its field's unit. */
export function checkConsumerUnits(units: ConsumerUnits, schemas: JsonSchema[], contractId: string): void {
  for (const [pointer, unit] of Object.entries(units)) {
    conversionOrRefusal(fieldUnit(schemas, contractId, pointer), checkedUnit(unit), pointer);
  }
}

/**
 * The data with each asked-for field converted from its unit in `schema` (the event's version). A field
 * that is absent, not a number, without a unit in that version, or in a unit that does not convert, is
 * left as it is.
 */
export function inConsumerUnits(data: Record<string, unknown>, schema: JsonSchema, units: ConsumerUnits) {
  let copy: Record<string, unknown> | undefined;
  for (const [pointer, to] of Object.entries(units)) {
    const value = valueAtPointer(data, pointer);
    const from = unitAtPointer(schema, pointer);
    if (typeof value !== 'number' || typeof from !== 'string') continue;
    let converted: number;
    try {
      converted = conversionBetween(from, to)(value);
    } catch {
      continue;
    }
    copy ??= structuredClone(data);
    setAtPointer(copy, pointer, converted);
  }
  return copy ?? data;
}

function setAtPointer(target: Record<string, unknown>, pointer: string, value: number): void {
  const tokens = pointerTokens(pointer);
  let node: Record<string, unknown> = target;
  for (const token of tokens.slice(0, -1)) node = node[token] as Record<string, unknown>;
  node[tokens.at(-1)!] = value;
}
