/** The shape of a row of the compatibility table (test data: only the specs import cases/). */
import type { ChangeType } from '../change-types.js';
import type { CompatibilityMode } from '../compatibility-mode.js';
import type { JsonSchema } from '../json-schema.js';

export interface CompatibilityCase {
  name: string;
  old: JsonSchema;
  new: JsonSchema;
  mode: CompatibilityMode;
  lenient?: boolean;
  compatible: boolean;
  /** The change types reported, in any order. */
  changes: ChangeType[];
}

export interface HistoryCase {
  name: string;
  /** Oldest first. */
  previous: JsonSchema[];
  next: JsonSchema;
  mode: CompatibilityMode;
  lenient?: boolean;
  compatible: boolean;
  /** Indexes of the earlier versions the next one fails against. */
  failing: number[];
}
