/** A version's identity for immutability: SHA-256 of its schema in canonical JSON. */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../common/event-store/canonical-json.js';
import type { JsonSchema } from '../../common/schemas/json-schema.types.js';

export function schemaDigest(schema: JsonSchema): string {
  return createHash('sha256').update(canonicalJson(schema)).digest('hex');
}
