/** Reading the query parameters of the console's history requests, each failure named. */
import { DxError } from '../../common/errors/dx-error.js';

export type Query = Record<string, string | string[] | undefined>;

export function list(query: Query, name: string): string[] {
  const value = query[name];
  const values = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return values.flatMap((v) => v.split(',')).filter((v) => v !== '');
}

export function one(query: Query, name: string): string | undefined {
  const value = query[name];
  return Array.isArray(value) ? value[0] : value;
}

export function required(query: Query, name: string): string {
  const value = one(query, name);
  if (!value)
    throw new DxError('BAD_ARGUMENT', `the query parameter ${name} is required`, {
      field: name,
      rule: 'required',
    });
  return value;
}

export function instant(query: Query, name: string): Date | undefined {
  const value = one(query, name);
  if (value === undefined || value === '') return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime()))
    throw new DxError('BAD_ARGUMENT', `${name} must be an ISO 8601 time, got ${JSON.stringify(value)}`, {
      field: name,
      rule: 'format',
      expected: 'date-time',
    });
  return date;
}

/** A positive integer no larger than `max` (the setting that protects the work); `fallback` if absent. */
export function limit(query: Query, name: string, fallback: number, max: number): number {
  const value = one(query, name);
  if (value === undefined || value === '') return Math.min(fallback, max);
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1 || n > max)
    throw new DxError(
      'BAD_ARGUMENT',
      `${name} must be an integer from 1 to ${max}, got ${JSON.stringify(value)}`,
      {
        field: name,
        rule: 'maximum',
        expected: max,
      },
    );
  return n;
}

export function flag(query: Query, name: string): boolean {
  const value = one(query, name);
  return value === '1' || value === 'true';
}
