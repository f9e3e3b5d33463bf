/** Contracts as the registry reads them from contracts/: a descriptor, its versions and its transforms. */
import type { JsonSchema } from '../../common/schemas/json-schema.types.js';
import type { CompatibilityMode } from '../compatibility/compatibility-mode.js';

export { COMPATIBILITY_MODES, type CompatibilityMode } from '../compatibility/compatibility-mode.js';

export interface ContractDescriptor {
  /** `<domain>.<name>`, lowercase letters, digits and `-`. */
  id: string;
  /** The one subsystem that may publish on it. */
  owner: string;
  title: string;
  description: string;
  /** JSON pointer into the payload naming the asset, or null when the contract has no key. */
  key: string | null;
  compatibility: CompatibilityMode;
  tags: string[];
}

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
