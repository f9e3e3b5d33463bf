/** The public shapes of the compatibility checker. */
import type { ChangeType } from './change-types.js';
import type { CompatibilityMode } from './compatibility-mode.js';

export interface SchemaChange {
  /** What changed, from the old schema to the new one (see change-types.ts). */
  type: ChangeType;
  /** JSON pointer into the new schema; for something removed, where it was in the old one. */
  path: string;
  /** Whether this change alone makes the check fail under the mode asked for. */
  breaking: boolean;
}

export interface CompatibilityResult {
  compatible: boolean;
  changes: SchemaChange[];
}

export interface CompatibilityOptions {
  /** Default BACKWARD, as in Confluent Schema Registry. */
  mode?: CompatibilityMode;
  /** Assume a writer with an open content model sends only the properties it declares. */
  lenient?: boolean;
}
