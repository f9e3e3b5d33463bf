/** What the lifecycle needs from the compatibility checker: one new version against its history. */
import type { JsonSchema } from '../../common/schemas/json-schema.types.js';
import type { CompatibilityMode } from '../contracts/contract.types.js';

export interface CompatibilityFailure {
  /** Index into `previous` of the version the new one breaks. */
  index: number;
  changes: { type: string; path: string; breaking: boolean }[];
}

export type CheckHistory = (
  previous: JsonSchema[],
  next: JsonSchema,
  mode: CompatibilityMode,
) => CompatibilityFailure[];
