/** Compiles a contract schema into a validator, or says exactly why the schema is not usable. */
import type { ValidateFunction } from 'ajv';
import { DxError } from '../errors/dx-error.js';
import { createAjv } from './create-ajv.js';
import type { JsonSchema } from './json-schema.types.js';
import { toValidationIssues, type ValidationIssue } from './validation-issue.js';

export interface CompiledSchema {
  validate(payload: unknown): ValidationIssue[];
}

export function compileSchema(schema: JsonSchema, where = 'schema'): CompiledSchema {
  let validator: ValidateFunction;
  try {
    validator = createAjv(schema).compile(schema);
  } catch (error) {
    throw new DxError(
      'SCHEMA_INVALID',
      `${where} does not compile in ajv strict mode: ${(error as Error).message}`,
      {
        where,
        reason: (error as Error).message,
      },
    );
  }
  return {
    validate(payload: unknown): ValidationIssue[] {
      return validator(payload) ? [] : toValidationIssues(validator.errors);
    },
  };
}
