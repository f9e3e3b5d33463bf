/** Reads a preview request {version, schema, transforms?}: a schema to review before it is proposed. */
import { DxError } from '../../common/errors/dx-error.js';
import { optionalString, requiredString, type Body } from '../../common/http/request-fields.js';
import type { JsonSchema } from '../../common/schemas/json-schema.types.js';
import type { ReviewCandidate } from '../review/review-evidence.js';

export function parseReviewCandidate(body: Body): ReviewCandidate {
  const schema = body.schema;
  if (
    typeof schema !== 'boolean' &&
    (typeof schema !== 'object' || schema === null || Array.isArray(schema))
  ) {
    throw new DxError(
      'BAD_ARGUMENT',
      'schema is required and must be a JSON Schema (an object or a boolean)',
      {
        pointer: '/schema',
        rule: 'type',
        expected: 'object',
      },
    );
  }
  return { version: requiredString(body, 'version'), schema: schema as JsonSchema, ...transformsIn(body) };
}

function transformsIn(body: Body): Pick<ReviewCandidate, 'transforms'> {
  if (body.transforms === undefined || body.transforms === null) return {};
  if (typeof body.transforms !== 'object' || Array.isArray(body.transforms)) {
    throw new DxError('BAD_ARGUMENT', 'transforms must be an object {up?, down?} of JSONata expressions', {
      pointer: '/transforms',
      rule: 'type',
      expected: 'object',
    });
  }
  const transforms = body.transforms as Body;
  const up = optionalString(transforms, 'up');
  const down = optionalString(transforms, 'down');
  return { transforms: { ...(up === undefined ? {} : { up }), ...(down === undefined ? {} : { down }) } };
}
