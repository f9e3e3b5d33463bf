/** Reading fields of a JSON request body, each failure named: field, rule, expected. */
import { DxError } from '../errors/dx-error.js';

export type Body = Record<string, unknown>;

export function asBody(value: unknown): Body {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new DxError('BAD_ARGUMENT', 'the request body must be a JSON object', {
      pointer: '',
      rule: 'type',
      expected: 'object',
    });
  }
  return value as Body;
}

export function requiredString(body: Body, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new DxError('BAD_ARGUMENT', `${field} is required and must be a non-empty string`, {
      pointer: `/${field}`,
      rule: 'required',
      expected: 'string',
    });
  }
  return value;
}

export function optionalString(body: Body, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    throw new DxError('BAD_ARGUMENT', `${field} must be a string`, {
      pointer: `/${field}`,
      rule: 'type',
      expected: 'string',
    });
  }
  return value;
}

export function integerList(body: Body, field: string): number[] {
  const value = body[field];
  if (!Array.isArray(value) || !value.every((v) => Number.isSafeInteger(v) && (v as number) >= 0)) {
    throw new DxError('BAD_ARGUMENT', `${field} must be a list of integers >= 0`, {
      pointer: `/${field}`,
      rule: 'type',
      expected: 'integer[]',
    });
  }
  return value as number[];
}

export function integerParam(value: string, name: string): number {
  if (!/^\d+$/.test(value)) {
    throw new DxError('BAD_ARGUMENT', `${name} must be an integer >= 0, got ${JSON.stringify(value)}`, {
      field: name,
      rule: 'type',
    });
  }
  return Number(value);
}
