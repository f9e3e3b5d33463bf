/** One reason a payload does not match its schema, in the terms a producer can act on. */
import type { ErrorObject } from 'ajv';

export interface ValidationIssue {
  /** JSON pointer into the payload ('' is the payload itself). */
  pointer: string;
  /** The schema keyword that failed: type, required, maximum, enum, ... */
  rule: string;
  /** What the schema expects there. */
  expected: unknown;
  message: string;
}

export function toValidationIssues(errors: ErrorObject[] | null | undefined): ValidationIssue[] {
  return (errors ?? []).map((error) => {
    const params = error.params as Record<string, unknown>;
    if (error.keyword === 'required') {
      const missing = String(params.missingProperty);
      return {
        pointer: `${error.instancePath}/${escapePointer(missing)}`,
        rule: 'required',
        expected: 'present',
        message: `${missing} is required`,
      };
    }
    if (error.keyword === 'additionalProperties') {
      const extra = String(params.additionalProperty);
      return {
        pointer: `${error.instancePath}/${escapePointer(extra)}`,
        rule: 'additionalProperties',
        expected: 'absent',
        message: `${extra} is not a property of this contract`,
      };
    }
    return {
      pointer: error.instancePath,
      rule: error.keyword,
      expected: expectedOf(error.keyword, params, error.schema),
      message: `${error.instancePath || 'the payload'} ${error.message ?? 'is invalid'}`,
    };
  });
}

function expectedOf(keyword: string, params: Record<string, unknown>, schema: unknown): unknown {
  switch (keyword) {
    case 'type':
      return params.type;
    case 'enum':
      return params.allowedValues;
    case 'const':
      return params.allowedValue;
    case 'format':
      return params.format;
    case 'pattern':
      return params.pattern;
    case 'maximum':
    case 'minimum':
    case 'exclusiveMaximum':
    case 'exclusiveMinimum':
      return { [String(params.comparison)]: params.limit };
    default:
      return 'limit' in params ? params.limit : schema;
  }
}

function escapePointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}
