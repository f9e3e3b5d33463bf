/**
 * ajv instances for contract schemas: strict mode (unknown keywords, ambiguous types and tuples are
 * errors), every error reported, formats checked, and `x-unit` and `x-event-time` known as annotations. Draft 2020-12
 * unless the schema says draft-07.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { Ajv } from 'ajv';
import * as ajvFormats from 'ajv-formats';
import { EVENT_TIME_KEYWORD } from './event-time-pointer.js';
import type { JsonSchema } from './json-schema.types.js';

export type SchemaValidator = Ajv | Ajv2020;

const DRAFT_07 = /json-schema\.org\/draft-07\/schema/;

// ajv-formats is CommonJS; under NodeNext its default export arrives either bare or wrapped.
const addFormats = ((ajvFormats as unknown as { default: unknown }).default ?? ajvFormats) as (
  ajv: SchemaValidator,
) => SchemaValidator;

export function createAjv(schema: JsonSchema): SchemaValidator {
  const draft07 =
    typeof schema === 'object' && typeof schema.$schema === 'string' && DRAFT_07.test(schema.$schema);
  const options = { strict: true, allErrors: true, allowUnionTypes: true } as const;
  const ajv: SchemaValidator = draft07 ? new Ajv(options) : new Ajv2020(options);
  addFormats(ajv);
  ajv.addKeyword({ keyword: 'x-unit', schemaType: 'string' });
  ajv.addKeyword({ keyword: EVENT_TIME_KEYWORD, schemaType: 'string' });
  return ajv;
}
