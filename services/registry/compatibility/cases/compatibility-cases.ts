/**
 * The compatibility table: plant telemetry schemas before and after an edit, the mode, and what the
 * checker must say, one file per kind of change. Each case names the rule it pins down;
 * compatibility.spec.ts runs them all.
 */
import type { CompatibilityCase } from './compatibility-case.types.js';
import { ARRAY_ITEM_BOOLEAN_CASES } from './array-item-booleans.cases.js';
import { COMBINATION_KIND_CASES } from './combination-kinds.cases.js';
import { CONDITIONAL_CASES } from './conditionals.cases.js';
import { CONTENT_AND_ID_CASES } from './content-and-ids.cases.js';
import { EXCLUSIVE_LIMIT_CASES } from './exclusive-limits.cases.js';
import { REFERENCE_RESOLUTION_CASES } from './reference-resolution.cases.js';
import { TYPE_CASES } from './types.cases.js';
import { OPEN_CONTENT_MODEL_CASES } from './open-content-models.cases.js';
import { CLOSED_CONTENT_MODEL_CASES } from './closed-content-models.cases.js';
import { PARTIAL_CONTENT_MODEL_CASES } from './partial-content-models.cases.js';
import { ADDITIONAL_PROPERTIES_CASES } from './additional-properties.cases.js';
import { REQUIRED_CASES } from './required.cases.js';
import { ENUM_CASES } from './enums.cases.js';
import { NUMERIC_LIMIT_CASES } from './numeric-limits.cases.js';
import { STRING_CASES } from './strings.cases.js';
import { OBJECT_SIZE_CASES } from './object-sizes.cases.js';
import { ARRAY_CASES } from './arrays.cases.js';
import { NESTED_OBJECT_CASES } from './nested-objects.cases.js';
import { COMBINATION_CASES } from './combinations.cases.js';
import { REFERENCE_CASES } from './references.cases.js';
import { ANNOTATION_CASES } from './annotations.cases.js';
import { BOOLEAN_AND_UNCHECKED_CASES } from './boolean-and-unchecked.cases.js';

export { HISTORY_CASES } from './history.cases.js';

export const COMPATIBILITY_CASES: CompatibilityCase[] = [
  ...TYPE_CASES,
  ...OPEN_CONTENT_MODEL_CASES,
  ...CLOSED_CONTENT_MODEL_CASES,
  ...PARTIAL_CONTENT_MODEL_CASES,
  ...ADDITIONAL_PROPERTIES_CASES,
  ...REQUIRED_CASES,
  ...ENUM_CASES,
  ...NUMERIC_LIMIT_CASES,
  ...STRING_CASES,
  ...OBJECT_SIZE_CASES,
  ...ARRAY_CASES,
  ...NESTED_OBJECT_CASES,
  ...COMBINATION_CASES,
  ...REFERENCE_CASES,
  ...ANNOTATION_CASES,
  ...BOOLEAN_AND_UNCHECKED_CASES,
  // Where the checker was brought in line with Confluent's and Apicurio's rules (docs/compatibility.md).
  ...COMBINATION_KIND_CASES,
  ...ARRAY_ITEM_BOOLEAN_CASES,
  ...EXCLUSIVE_LIMIT_CASES,
  ...CONTENT_AND_ID_CASES,
  ...REFERENCE_RESOLUTION_CASES,
  ...CONDITIONAL_CASES,
];
