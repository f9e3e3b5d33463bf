/** The error for a schema the checker cannot read: DX Hub's SCHEMA_INVALID with the pointer at fault. */
import { DxError } from '../../common/errors/dx-error.js';
import type { Side } from './json-schema.js';

export function invalidSchema(where: { side: Side }, pointer: string, rule: string): DxError {
  return new DxError('SCHEMA_INVALID', `${where.side} schema ${pointer}: ${rule}`, {
    schema: where.side,
    pointer,
    rule,
  });
}
