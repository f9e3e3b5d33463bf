/** Contracts as the registry reads them from contracts/: a descriptor, its versions and its transforms. */
import type { ContractDescriptor } from '../../common/registry-state/index.js';
import type { JsonSchema } from '../../common/schemas/json-schema.types.js';

export {
  COMPATIBILITY_MODES,
  type CompatibilityMode,
  type ContractDescriptor,
} from '../../common/registry-state/index.js';

export interface ContractVersionSource {
  version: string;
  schema: JsonSchema;
}

/** JSONata expressions converting data between major `major - 1` (down) and `major` (up). */
export interface MajorTransforms {
  major: number;
  up?: string;
  down?: string;
}

export interface ContractSource {
  descriptor: ContractDescriptor;
  /** Sorted by semantic version, oldest first. */
  versions: ContractVersionSource[];
  transforms: MajorTransforms[];
  /** Where it was read from, for messages. */
  folder: string;
}
