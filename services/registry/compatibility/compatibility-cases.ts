/**
 * The compatibility table: plant telemetry schemas before and after an edit, the mode, and what
 * the checker must say. Each case names the rule it pins down; compatibility.spec.ts runs them all.
 */
import type { ChangeType } from './change-types.js';
import type { CompatibilityMode } from './compatibility-mode.js';
import type { JsonSchema, SchemaObject } from './json-schema.js';

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

const temperature = { type: 'number', description: 'Reactor bed temperature.', 'x-unit': 'degC' };
const pressure = { type: 'number', description: 'Outlet pressure.', 'x-unit': 'bar' };
const flow = { type: 'number', description: 'Feed flow rate.', 'x-unit': 'm3/h' };
const tag = { type: 'string', description: 'Instrument tag, e.g. TI-101.' };
const quality = { type: 'string', description: 'OPC quality.', enum: ['good', 'uncertain', 'bad'] };

/** An object whose content model is closed, as the plant's contracts are. */
function closed(properties: SchemaObject, required: string[] = [], extra: SchemaObject = {}): SchemaObject {
  return { type: 'object', additionalProperties: false, properties, required, ...extra };
}

/** An object with an open content model (additionalProperties absent). */
function open(properties: SchemaObject, required: string[] = [], extra: SchemaObject = {}): SchemaObject {
  return { type: 'object', properties, required, ...extra };
}

/** An object whose undeclared properties must be numbers (a partially open content model). */
function numbersBeside(properties: SchemaObject, extra: SchemaObject = {}): SchemaObject {
  return { type: 'object', additionalProperties: { type: 'number' }, properties, ...extra };
}

/** A reading of the temperature alone, with extra keywords on it. */
function temperatureReading(keywords: SchemaObject): SchemaObject {
  return closed({ tag, temperature: { ...temperature, ...keywords } }, ['tag', 'temperature']);
}

/** A reading with one more field (`field`) besides the tag. */
function reading(field: string, schema: unknown): SchemaObject {
  return closed({ tag, [field]: schema }, ['tag']);
}

const samples = (keywords: SchemaObject) =>
  reading('samples', {
    type: 'array',
    description: 'Last readings.',
    items: { type: 'number' },
    ...keywords,
  });

export const COMPATIBILITY_CASES: CompatibilityCase[] = [
  // --- Types ---
  {
    name: 'a new reader accepts a sample count widened from integer to number',
    old: reading('count', { type: 'integer' }),
    new: reading('count', { type: 'number' }),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['TYPE_EXTENDED'],
  },
  {
    name: 'an old reader cannot take a count widened from integer to number',
    old: reading('count', { type: 'integer' }),
    new: reading('count', { type: 'number' }),
    mode: 'FORWARD',
    compatible: false,
    changes: ['TYPE_EXTENDED'],
  },
  {
    name: 'narrowing a flow from number to integer breaks a new reader of old data',
    old: reading('flow', flow),
    new: reading('flow', { ...flow, type: 'integer' }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['TYPE_NARROWED'],
  },
  {
    name: 'narrowing a flow from number to integer is fine for an old reader',
    old: reading('flow', flow),
    new: reading('flow', { ...flow, type: 'integer' }),
    mode: 'FORWARD',
    compatible: true,
    changes: ['TYPE_NARROWED'],
  },
  {
    name: 'changing a pressure from number to string breaks both ways',
    old: reading('pressure', pressure),
    new: reading('pressure', { ...pressure, type: 'string' }),
    mode: 'FULL',
    compatible: false,
    changes: ['TYPE_CHANGED'],
  },
  {
    name: 'a type array that admits null widens a temperature',
    old: temperatureReading({}),
    new: temperatureReading({ type: ['number', 'null'] }),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['TYPE_EXTENDED'],
  },
  {
    name: 'dropping null from a type array breaks a new reader of old nulls',
    old: temperatureReading({ type: ['number', 'null'] }),
    new: temperatureReading({}),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['TYPE_NARROWED'],
  },
  {
    name: 'integer to number is not fully compatible',
    old: reading('count', { type: 'integer' }),
    new: reading('count', { type: 'number' }),
    mode: 'FULL',
    compatible: false,
    changes: ['TYPE_EXTENDED'],
  },

  // --- Open content models ---
  {
    name: 'adding pressure to an open model is not backward compatible in strict mode',
    old: open({ tag, temperature }),
    new: open({ tag, temperature, pressure }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL'],
  },
  {
    name: 'adding pressure to an open model is backward compatible in lenient mode',
    old: open({ tag, temperature }),
    new: open({ tag, temperature, pressure }),
    mode: 'BACKWARD',
    lenient: true,
    compatible: true,
    changes: ['PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL'],
  },
  {
    name: 'adding pressure to an open model is forward compatible',
    old: open({ tag, temperature }),
    new: open({ tag, temperature, pressure }),
    mode: 'FORWARD',
    compatible: true,
    changes: ['PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL'],
  },
  {
    name: 'adding a property that accepts anything to an open model breaks nobody',
    old: open({ tag }, [], { additionalProperties: true }),
    new: open({ tag, notes: { description: 'Free-form notes from the operator.' } }, [], {
      additionalProperties: true,
    }),
    mode: 'FULL',
    compatible: true,
    changes: ['PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL'],
  },
  {
    name: 'removing pressure from an open model is backward compatible',
    old: open({ tag, temperature, pressure }),
    new: open({ tag, temperature }),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL'],
  },
  {
    name: 'removing pressure from an open model is not forward compatible in strict mode',
    old: open({ tag, temperature, pressure }),
    new: open({ tag, temperature }),
    mode: 'FORWARD',
    compatible: false,
    changes: ['PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL'],
  },
  {
    name: 'removing pressure from an open model is forward compatible in lenient mode',
    old: open({ tag, temperature, pressure }),
    new: open({ tag, temperature }),
    mode: 'FORWARD',
    lenient: true,
    compatible: true,
    changes: ['PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL'],
  },

  // --- Closed content models ---
  {
    name: 'adding an optional pressure to a closed model is backward compatible',
    old: closed({ tag, temperature }, ['tag']),
    new: closed({ tag, temperature, pressure }, ['tag']),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL'],
  },
  {
    name: 'adding an optional pressure to a closed model breaks an old closed reader',
    old: closed({ tag, temperature }, ['tag']),
    new: closed({ tag, temperature, pressure }, ['tag']),
    mode: 'FORWARD',
    compatible: false,
    changes: ['OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL'],
  },
  {
    name: 'adding a required pressure to a closed model is not backward compatible',
    old: closed({ tag, temperature }, ['tag']),
    new: closed({ tag, temperature, pressure }, ['tag', 'pressure']),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL', 'REQUIRED_ATTRIBUTE_ADDED'],
  },
  {
    name: 'adding a required quality with a default to a closed model is backward compatible',
    old: closed({ tag, temperature }, ['tag']),
    new: closed({ tag, temperature, quality: { ...quality, default: 'good' } }, ['tag', 'quality']),
    mode: 'BACKWARD',
    compatible: true,
    changes: [
      'REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_UNOPEN_CONTENT_MODEL',
      'REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED',
    ],
  },
  {
    name: 'removing pressure from a closed model breaks a new reader of old data',
    old: closed({ tag, temperature, pressure }, ['tag']),
    new: closed({ tag, temperature }, ['tag']),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL'],
  },
  {
    name: 'removing pressure from a closed model is still breaking in lenient mode',
    old: closed({ tag, temperature, pressure }, ['tag']),
    new: closed({ tag, temperature }, ['tag']),
    mode: 'BACKWARD',
    lenient: true,
    compatible: false,
    changes: ['PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL'],
  },
  {
    name: 'removing an optional pressure from a closed model is forward compatible',
    old: closed({ tag, temperature, pressure }, ['tag']),
    new: closed({ tag, temperature }, ['tag']),
    mode: 'FORWARD',
    compatible: true,
    changes: ['PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL'],
  },

  // --- Partially open content models ---
  {
    name: 'adding a numeric flow that extra numbers already covered is backward compatible',
    old: numbersBeside({ tag }),
    new: numbersBeside({ tag, flow }),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL'],
  },
  {
    name: 'adding a string flow where extra properties were numbers is not backward compatible',
    old: numbersBeside({ tag }),
    new: numbersBeside({ tag, flow: { ...flow, type: 'string' } }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL'],
  },
  {
    name: 'adding an integer flow where extra properties were any number breaks a new reader',
    old: numbersBeside({ tag }),
    new: numbersBeside({ tag, flow: { ...flow, type: 'integer' } }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL'],
  },
  {
    name: 'adding an integer flow where extra properties were any number suits an old reader',
    old: numbersBeside({ tag }),
    new: numbersBeside({ tag, flow: { ...flow, type: 'integer' } }),
    mode: 'FORWARD',
    compatible: true,
    changes: ['PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL'],
  },
  {
    name: 'lenient mode does not relax a partially open model',
    old: numbersBeside({ tag }),
    new: numbersBeside({ tag, flow: { ...flow, type: 'string' } }),
    mode: 'BACKWARD',
    lenient: true,
    compatible: false,
    changes: ['PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL'],
  },
  {
    name: 'removing a numeric flow that extra numbers now cover is backward compatible',
    old: numbersBeside({ tag, flow }),
    new: numbersBeside({ tag }),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['PROPERTY_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL'],
  },
  {
    name: 'removing a string status that extra numbers do not cover is not backward compatible',
    old: numbersBeside({ tag, status: { type: 'string' } }),
    new: numbersBeside({ tag }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL'],
  },
  {
    name: 'a tag-named temperature added under a matching pattern is covered by that pattern',
    old: closed({ tag }, ['tag'], { patternProperties: { '^TI-\\d{3}$': { type: 'number' } } }),
    new: closed({ tag, 'TI-101': temperature }, ['tag'], {
      patternProperties: { '^TI-\\d{3}$': { type: 'number' } },
    }),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL'],
  },
  {
    name: 'a pattern of numbers added to an open model constrains what old writers sent',
    old: open({ tag }),
    new: open({ tag }, [], { patternProperties: { '^PI-\\d{3}$': pressure } }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['PATTERN_PROPERTY_ADDED'],
  },
  {
    name: 'a pattern removed from a closed model breaks a new reader of old tag values',
    old: closed({ tag }, ['tag'], { patternProperties: { '^PI-\\d{3}$': pressure } }),
    new: closed({ tag }, ['tag']),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['PATTERN_PROPERTY_REMOVED'],
  },

  // --- additionalProperties itself ---
  {
    name: 'closing an open model is not backward compatible in strict mode',
    old: open({ tag, temperature }),
    new: open({ tag, temperature }, [], { additionalProperties: false }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['ADDITIONAL_PROPERTIES_NARROWED'],
  },
  {
    name: 'closing an open model is backward compatible in lenient mode',
    old: open({ tag, temperature }),
    new: open({ tag, temperature }, [], { additionalProperties: false }),
    mode: 'BACKWARD',
    lenient: true,
    compatible: true,
    changes: ['ADDITIONAL_PROPERTIES_NARROWED'],
  },
  {
    name: 'opening a closed model is backward compatible',
    old: closed({ tag, temperature }),
    new: open({ tag, temperature }, [], { additionalProperties: true }),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['ADDITIONAL_PROPERTIES_EXTENDED'],
  },
  {
    name: 'opening a closed model is not forward compatible in strict mode',
    old: closed({ tag, temperature }),
    new: open({ tag, temperature }),
    mode: 'FORWARD',
    compatible: false,
    changes: ['ADDITIONAL_PROPERTIES_EXTENDED'],
  },
  {
    name: 'narrowing the schema of extra properties from number to integer breaks a new reader',
    old: numbersBeside({ tag }),
    new: { ...numbersBeside({ tag }), additionalProperties: { type: 'integer' } },
    mode: 'BACKWARD',
    compatible: false,
    changes: ['TYPE_NARROWED'],
  },

  // --- required ---
  {
    name: 'making an existing quality required breaks a new reader of old data without it',
    old: closed({ tag, quality }, ['tag']),
    new: closed({ tag, quality }, ['tag', 'quality']),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['REQUIRED_ATTRIBUTE_ADDED'],
  },
  {
    name: 'making an existing quality required is fine when it has a default',
    old: closed({ tag, quality }, ['tag']),
    new: closed({ tag, quality: { ...quality, default: 'good' } }, ['tag', 'quality']),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED', 'DEFAULT_CHANGED'],
  },
  {
    name: 'making quality required is forward compatible',
    old: closed({ tag, quality }, ['tag']),
    new: closed({ tag, quality }, ['tag', 'quality']),
    mode: 'FORWARD',
    compatible: true,
    changes: ['REQUIRED_ATTRIBUTE_ADDED'],
  },
  {
    name: 'no longer requiring quality is backward compatible',
    old: closed({ tag, quality }, ['tag', 'quality']),
    new: closed({ tag, quality }, ['tag']),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['REQUIRED_ATTRIBUTE_REMOVED'],
  },
  {
    name: 'no longer requiring quality breaks an old reader that needs it',
    old: closed({ tag, quality }, ['tag', 'quality']),
    new: closed({ tag, quality }, ['tag']),
    mode: 'FORWARD',
    compatible: false,
    changes: ['REQUIRED_ATTRIBUTE_REMOVED'],
  },

  // --- enum and const ---
  {
    name: 'a quality enum extended with a new value is backward compatible',
    old: reading('quality', quality),
    new: reading('quality', { ...quality, enum: ['good', 'uncertain', 'bad', 'substituted'] }),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['ENUM_ARRAY_EXTENDED'],
  },
  {
    name: 'a quality enum extended with a new value breaks an old reader',
    old: reading('quality', quality),
    new: reading('quality', { ...quality, enum: ['good', 'uncertain', 'bad', 'substituted'] }),
    mode: 'FORWARD',
    compatible: false,
    changes: ['ENUM_ARRAY_EXTENDED'],
  },
  {
    name: 'a quality enum narrowed is not backward compatible',
    old: reading('quality', quality),
    new: reading('quality', { ...quality, enum: ['good', 'bad'] }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['ENUM_ARRAY_NARROWED'],
  },
  {
    name: 'a quality enum with one value swapped for another breaks both ways',
    old: reading('quality', quality),
    new: reading('quality', { ...quality, enum: ['good', 'uncertain', 'questionable'] }),
    mode: 'FULL',
    compatible: false,
    changes: ['ENUM_ARRAY_CHANGED'],
  },
  {
    name: 'an enum put on a free-text unit narrows it',
    old: reading('unit', { type: 'string' }),
    new: reading('unit', { type: 'string', enum: ['degC', 'K'] }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['ENUM_ARRAY_ADDED'],
  },
  {
    name: 'an enum taken off widens it',
    old: reading('unit', { type: 'string', enum: ['degC', 'K'] }),
    new: reading('unit', { type: 'string' }),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['ENUM_ARRAY_REMOVED'],
  },
  {
    name: 'the same enum values in another order are no change',
    old: reading('quality', quality),
    new: reading('quality', { ...quality, enum: ['bad', 'good', 'uncertain'] }),
    mode: 'FULL',
    compatible: true,
    changes: [],
  },
  {
    name: 'a const schema version added narrows the message',
    old: reading('schemaVersion', { type: 'string' }),
    new: reading('schemaVersion', { type: 'string', const: '2' }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['CONST_ADDED'],
  },
  {
    name: 'a const schema version changed breaks both ways',
    old: reading('schemaVersion', { const: '1' }),
    new: reading('schemaVersion', { const: '2' }),
    mode: 'FULL',
    compatible: false,
    changes: ['CONST_CHANGED'],
  },
  {
    name: 'a const taken off is backward compatible',
    old: reading('schemaVersion', { type: 'string', const: '1' }),
    new: reading('schemaVersion', { type: 'string' }),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['CONST_REMOVED'],
  },
  {
    name: 'a const widened into an enum that keeps its value is backward compatible',
    old: reading('quality', { const: 'good' }),
    new: reading('quality', { enum: ['good', 'uncertain'] }),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['ENUM_ARRAY_EXTENDED'],
  },

  // --- numeric limits ---
  {
    name: 'a temperature maximum raised from 600 to 650 is backward compatible',
    old: temperatureReading({ maximum: 600 }),
    new: temperatureReading({ maximum: 650 }),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['MAXIMUM_INCREASED'],
  },
  {
    name: 'a temperature maximum lowered from 600 to 550 is not backward compatible',
    old: temperatureReading({ maximum: 600 }),
    new: temperatureReading({ maximum: 550 }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['MAXIMUM_DECREASED'],
  },
  {
    name: 'a temperature maximum lowered is forward compatible',
    old: temperatureReading({ maximum: 600 }),
    new: temperatureReading({ maximum: 550 }),
    mode: 'FORWARD',
    compatible: true,
    changes: ['MAXIMUM_DECREASED'],
  },
  {
    name: 'a temperature maximum added is not backward compatible',
    old: temperatureReading({}),
    new: temperatureReading({ maximum: 600 }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['MAXIMUM_ADDED'],
  },
  {
    name: 'a temperature maximum removed is backward compatible',
    old: temperatureReading({ maximum: 600 }),
    new: temperatureReading({}),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['MAXIMUM_REMOVED'],
  },
  {
    name: 'a temperature minimum raised is not backward compatible',
    old: temperatureReading({ minimum: -40 }),
    new: temperatureReading({ minimum: 0 }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['MINIMUM_INCREASED'],
  },
  {
    name: 'a temperature minimum lowered is backward compatible',
    old: temperatureReading({ minimum: 0 }),
    new: temperatureReading({ minimum: -40 }),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['MINIMUM_DECREASED'],
  },
  {
    name: 'a temperature minimum added is not backward compatible',
    old: temperatureReading({}),
    new: temperatureReading({ minimum: -273.15 }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['MINIMUM_ADDED'],
  },
  {
    name: 'a temperature minimum removed breaks an old reader',
    old: temperatureReading({ minimum: -273.15 }),
    new: temperatureReading({}),
    mode: 'FORWARD',
    compatible: false,
    changes: ['MINIMUM_REMOVED'],
  },
  {
    name: 'exclusive pressure bounds relaxed are backward compatible',
    old: reading('pressure', { ...pressure, exclusiveMinimum: 1, exclusiveMaximum: 250 }),
    new: reading('pressure', { ...pressure, exclusiveMinimum: 0, exclusiveMaximum: 300 }),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['EXCLUSIVE_MINIMUM_DECREASED', 'EXCLUSIVE_MAXIMUM_INCREASED'],
  },
  {
    name: 'exclusive pressure bounds tightened are not backward compatible',
    old: reading('pressure', { ...pressure, exclusiveMinimum: 0, exclusiveMaximum: 300 }),
    new: reading('pressure', { ...pressure, exclusiveMinimum: 1, exclusiveMaximum: 250 }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['EXCLUSIVE_MINIMUM_INCREASED', 'EXCLUSIVE_MAXIMUM_DECREASED'],
  },
  {
    name: 'a strictly positive pressure added is not backward compatible',
    old: reading('pressure', pressure),
    new: reading('pressure', { ...pressure, exclusiveMinimum: 0, exclusiveMaximum: 400 }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['EXCLUSIVE_MINIMUM_ADDED', 'EXCLUSIVE_MAXIMUM_ADDED'],
  },
  {
    name: 'exclusive pressure bounds removed break an old reader',
    old: reading('pressure', { ...pressure, exclusiveMinimum: 0, exclusiveMaximum: 400 }),
    new: reading('pressure', pressure),
    mode: 'FORWARD',
    compatible: false,
    changes: ['EXCLUSIVE_MINIMUM_REMOVED', 'EXCLUSIVE_MAXIMUM_REMOVED'],
  },
  {
    name: "draft-04's boolean exclusiveMaximum reads the same as draft-07's number",
    old: temperatureReading({ maximum: 600, exclusiveMaximum: true }),
    new: temperatureReading({ exclusiveMaximum: 600 }),
    mode: 'FULL',
    compatible: true,
    changes: [],
  },
  {
    name: 'a flow resolution refined from 0.5 to 0.1 is backward compatible',
    old: reading('flow', { ...flow, multipleOf: 0.5 }),
    new: reading('flow', { ...flow, multipleOf: 0.1 }),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['MULTIPLE_OF_REDUCED'],
  },
  {
    name: 'a flow resolution coarsened from 0.1 to 0.5 is not backward compatible',
    old: reading('flow', { ...flow, multipleOf: 0.1 }),
    new: reading('flow', { ...flow, multipleOf: 0.5 }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['MULTIPLE_OF_EXPANDED'],
  },
  {
    name: 'a flow resolution changed from 0.2 to 0.3 breaks both ways',
    old: reading('flow', { ...flow, multipleOf: 0.2 }),
    new: reading('flow', { ...flow, multipleOf: 0.3 }),
    mode: 'FULL',
    compatible: false,
    changes: ['MULTIPLE_OF_CHANGED'],
  },
  {
    name: 'a flow resolution added is not backward compatible',
    old: reading('flow', flow),
    new: reading('flow', { ...flow, multipleOf: 0.01 }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['MULTIPLE_OF_ADDED'],
  },
  {
    name: 'a flow resolution removed is backward compatible',
    old: reading('flow', { ...flow, multipleOf: 0.01 }),
    new: reading('flow', flow),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['MULTIPLE_OF_REMOVED'],
  },

  // --- strings ---
  {
    name: 'a longer tag allowed is backward compatible',
    old: reading('tag', { ...tag, minLength: 4, maxLength: 16 }),
    new: reading('tag', { ...tag, minLength: 2, maxLength: 32 }),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['MIN_LENGTH_DECREASED', 'MAX_LENGTH_INCREASED'],
  },
  {
    name: 'a shorter tag required is not backward compatible',
    old: reading('tag', { ...tag, minLength: 2, maxLength: 32 }),
    new: reading('tag', { ...tag, minLength: 4, maxLength: 16 }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['MIN_LENGTH_INCREASED', 'MAX_LENGTH_DECREASED'],
  },
  {
    name: 'tag length limits added are not backward compatible',
    old: reading('tag', tag),
    new: reading('tag', { ...tag, minLength: 1, maxLength: 32 }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['MIN_LENGTH_ADDED', 'MAX_LENGTH_ADDED'],
  },
  {
    name: 'tag length limits removed are backward compatible',
    old: reading('tag', { ...tag, minLength: 1, maxLength: 32 }),
    new: reading('tag', tag),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['MIN_LENGTH_REMOVED', 'MAX_LENGTH_REMOVED'],
  },
  {
    name: 'a tag pattern added is not backward compatible',
    old: reading('tag', tag),
    new: reading('tag', { ...tag, pattern: '^[A-Z]{2,3}-\\d{3}$' }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['PATTERN_ADDED'],
  },
  {
    name: 'a tag pattern changed is not backward compatible even when it looks wider',
    old: reading('tag', { ...tag, pattern: '^[A-Z]{2}-\\d{3}$' }),
    new: reading('tag', { ...tag, pattern: '^[A-Z]{2,3}-\\d{3}$' }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['PATTERN_CHANGED'],
  },
  {
    name: 'a tag pattern removed is backward compatible',
    old: reading('tag', { ...tag, pattern: '^[A-Z]{2}-\\d{3}$' }),
    new: reading('tag', tag),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['PATTERN_REMOVED'],
  },
  {
    name: 'a tag pattern removed breaks an old reader',
    old: reading('tag', { ...tag, pattern: '^[A-Z]{2}-\\d{3}$' }),
    new: reading('tag', tag),
    mode: 'FORWARD',
    compatible: false,
    changes: ['PATTERN_REMOVED'],
  },
  {
    name: 'a date-time format put on the source timestamp is not backward compatible',
    old: reading('sourceTime', { type: 'string' }),
    new: reading('sourceTime', { type: 'string', format: 'date-time' }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['FORMAT_ADDED'],
  },
  {
    name: 'a format changed from date to date-time breaks both ways',
    old: reading('sourceTime', { type: 'string', format: 'date' }),
    new: reading('sourceTime', { type: 'string', format: 'date-time' }),
    mode: 'FULL',
    compatible: false,
    changes: ['FORMAT_CHANGED'],
  },
  {
    name: 'a format taken off is backward compatible',
    old: reading('sourceTime', { type: 'string', format: 'date-time' }),
    new: reading('sourceTime', { type: 'string' }),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['FORMAT_REMOVED'],
  },

  // --- object sizes and dependencies ---
  {
    name: 'room for more and fewer measurements per message is backward compatible',
    old: numbersBeside({ tag }, { minProperties: 2, maxProperties: 8 }),
    new: numbersBeside({ tag }, { minProperties: 1, maxProperties: 16 }),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['MIN_PROPERTIES_DECREASED', 'MAX_PROPERTIES_INCREASED'],
  },
  {
    name: 'tighter measurement counts per message are not backward compatible',
    old: numbersBeside({ tag }, { minProperties: 1, maxProperties: 16 }),
    new: numbersBeside({ tag }, { minProperties: 2, maxProperties: 8 }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['MIN_PROPERTIES_INCREASED', 'MAX_PROPERTIES_DECREASED'],
  },
  {
    name: 'measurement counts limited for the first time are not backward compatible',
    old: numbersBeside({ tag }),
    new: numbersBeside({ tag }, { minProperties: 1, maxProperties: 16 }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['MIN_PROPERTIES_ADDED', 'MAX_PROPERTIES_ADDED'],
  },
  {
    name: 'measurement count limits removed break an old reader',
    old: numbersBeside({ tag }, { minProperties: 1, maxProperties: 16 }),
    new: numbersBeside({ tag }),
    mode: 'FORWARD',
    compatible: false,
    changes: ['MIN_PROPERTIES_REMOVED', 'MAX_PROPERTIES_REMOVED'],
  },
  {
    name: 'requiring a flow unit whenever a flow is sent is not backward compatible',
    old: closed({ tag, flow, flowUnit: { type: 'string' } }),
    new: closed({ tag, flow, flowUnit: { type: 'string' } }, [], {
      dependentRequired: { flow: ['flowUnit'] },
    }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['DEPENDENCY_ARRAY_ADDED'],
  },
  {
    name: 'a draft-07 dependency that grows is not backward compatible',
    old: closed({ tag, flow, flowUnit: { type: 'string' }, quality }, [], {
      dependencies: { flow: ['flowUnit'] },
    }),
    new: closed({ tag, flow, flowUnit: { type: 'string' }, quality }, [], {
      dependencies: { flow: ['flowUnit', 'quality'] },
    }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['DEPENDENCY_ARRAY_EXTENDED'],
  },
  {
    name: 'a dependency that shrinks is backward compatible',
    old: closed({ tag, flow, flowUnit: { type: 'string' }, quality }, [], {
      dependentRequired: { flow: ['flowUnit', 'quality'] },
    }),
    new: closed({ tag, flow, flowUnit: { type: 'string' }, quality }, [], {
      dependentRequired: { flow: ['flowUnit'] },
    }),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['DEPENDENCY_ARRAY_NARROWED'],
  },
  {
    name: 'a dependency that trades one name for another breaks both ways',
    old: closed({ tag, flow, flowUnit: { type: 'string' }, quality }, [], {
      dependentRequired: { flow: ['flowUnit'] },
    }),
    new: closed({ tag, flow, flowUnit: { type: 'string' }, quality }, [], {
      dependentRequired: { flow: ['quality'] },
    }),
    mode: 'FULL',
    compatible: false,
    changes: ['DEPENDENCY_ARRAY_CHANGED'],
  },
  {
    name: 'a dependency dropped is backward compatible',
    old: closed({ tag, flow, flowUnit: { type: 'string' } }, [], {
      dependentRequired: { flow: ['flowUnit'] },
    }),
    new: closed({ tag, flow, flowUnit: { type: 'string' } }),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['DEPENDENCY_ARRAY_REMOVED'],
  },
  {
    name: 'a draft-07 dependency moved to dependentRequired is no change',
    old: closed({ tag, flow, flowUnit: { type: 'string' } }, [], { dependencies: { flow: ['flowUnit'] } }),
    new: closed({ tag, flow, flowUnit: { type: 'string' } }, [], {
      dependentRequired: { flow: ['flowUnit'] },
    }),
    mode: 'FULL',
    compatible: true,
    changes: [],
  },
  {
    name: 'a dependent schema added is not backward compatible',
    old: closed({ tag, flow, totalizer: { type: 'number' } }),
    new: closed({ tag, flow, totalizer: { type: 'number' } }, [], {
      dependentSchemas: { flow: { required: ['totalizer'] } },
    }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['DEPENDENCY_SCHEMA_ADDED'],
  },
  {
    name: 'a draft-07 schema dependency dropped is backward compatible',
    old: closed({ tag, flow, totalizer: { type: 'number' } }, [], {
      dependencies: { flow: { required: ['totalizer'] } },
    }),
    new: closed({ tag, flow, totalizer: { type: 'number' } }),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['DEPENDENCY_SCHEMA_REMOVED'],
  },
  {
    name: 'a dependent schema that tightens a bound inside is not backward compatible',
    old: closed({ tag, flow }, [], {
      dependentSchemas: { flow: { properties: { flow: { maximum: 500 } } } },
    }),
    new: closed({ tag, flow }, [], {
      dependentSchemas: { flow: { properties: { flow: { maximum: 400 } } } },
    }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['MAXIMUM_DECREASED'],
  },

  // --- arrays ---
  {
    name: 'a sample window allowed to be longer and shorter is backward compatible',
    old: samples({ minItems: 2, maxItems: 10 }),
    new: samples({ minItems: 1, maxItems: 60 }),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['MIN_ITEMS_DECREASED', 'MAX_ITEMS_INCREASED'],
  },
  {
    name: 'a sample window required to be longer and capped lower is not backward compatible',
    old: samples({ minItems: 1, maxItems: 60 }),
    new: samples({ minItems: 2, maxItems: 10 }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['MIN_ITEMS_INCREASED', 'MAX_ITEMS_DECREASED'],
  },
  {
    name: 'sample window limits added are not backward compatible',
    old: samples({}),
    new: samples({ minItems: 1, maxItems: 60 }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['MIN_ITEMS_ADDED', 'MAX_ITEMS_ADDED'],
  },
  {
    name: 'sample window limits removed break an old reader',
    old: samples({ minItems: 1, maxItems: 60 }),
    new: samples({}),
    mode: 'FORWARD',
    compatible: false,
    changes: ['MIN_ITEMS_REMOVED', 'MAX_ITEMS_REMOVED'],
  },
  {
    name: 'samples required to be unique are not backward compatible',
    old: samples({}),
    new: samples({ uniqueItems: true }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['UNIQUE_ITEMS_ADDED'],
  },
  {
    name: 'samples no longer required to be unique are backward compatible',
    old: samples({ uniqueItems: true }),
    new: samples({}),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['UNIQUE_ITEMS_REMOVED'],
  },
  {
    name: 'sample items widened from integer to number are backward compatible',
    old: samples({ items: { type: 'integer' } }),
    new: samples({ items: { type: 'number' } }),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['TYPE_EXTENDED'],
  },
  {
    name: 'sample items capped at a maximum are not backward compatible',
    old: samples({}),
    new: samples({ items: { type: 'number', maximum: 1000 } }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['MAXIMUM_ADDED'],
  },
  {
    name: 'an item schema put on an untyped list narrows it',
    old: reading('alarms', { type: 'array' }),
    new: reading('alarms', { type: 'array', items: { type: 'string' } }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['ITEMS_NARROWED'],
  },
  {
    name: 'an item schema taken off a list widens it',
    old: reading('alarms', { type: 'array', items: { type: 'string' } }),
    new: reading('alarms', { type: 'array' }),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['ITEMS_EXTENDED'],
  },
  {
    name: 'a list that must contain an active alarm is not backward compatible',
    old: reading('alarms', { type: 'array', items: { type: 'string' } }),
    new: reading('alarms', { type: 'array', items: { type: 'string' }, contains: { const: 'active' } }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['CONTAINS_ADDED'],
  },
  {
    name: 'a list freed from containing an active alarm is backward compatible',
    old: reading('alarms', { type: 'array', contains: { const: 'active' } }),
    new: reading('alarms', { type: 'array' }),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['CONTAINS_REMOVED'],
  },
  {
    name: 'a third position added to an open [x, y] tuple is not backward compatible',
    old: reading('position', { type: 'array', prefixItems: [{ type: 'number' }, { type: 'number' }] }),
    new: reading('position', {
      type: 'array',
      prefixItems: [{ type: 'number' }, { type: 'number' }, { type: 'number' }],
    }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['ITEM_ADDED_TO_OPEN_CONTENT_MODEL'],
  },
  {
    name: 'a third position added to a closed [x, y] tuple is backward compatible',
    old: reading('position', {
      type: 'array',
      prefixItems: [{ type: 'number' }, { type: 'number' }],
      items: false,
    }),
    new: reading('position', {
      type: 'array',
      prefixItems: [{ type: 'number' }, { type: 'number' }, { type: 'number' }],
      items: false,
    }),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['ITEM_ADDED_TO_CLOSED_CONTENT_MODEL'],
  },
  {
    name: 'a third position added to a closed tuple breaks an old reader',
    old: reading('position', {
      type: 'array',
      prefixItems: [{ type: 'number' }, { type: 'number' }],
      items: false,
    }),
    new: reading('position', {
      type: 'array',
      prefixItems: [{ type: 'number' }, { type: 'number' }, { type: 'number' }],
      items: false,
    }),
    mode: 'FORWARD',
    compatible: false,
    changes: ['ITEM_ADDED_TO_CLOSED_CONTENT_MODEL'],
  },
  {
    name: 'a position added to a tuple of extra numbers is covered by them',
    old: reading('position', { type: 'array', prefixItems: [{ type: 'string' }], items: { type: 'number' } }),
    new: reading('position', {
      type: 'array',
      prefixItems: [{ type: 'string' }, { type: 'number', 'x-unit': 'm' }],
      items: { type: 'number' },
    }),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['ITEM_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL'],
  },
  {
    name: 'a string position added to a tuple of extra numbers is not covered',
    old: reading('position', { type: 'array', prefixItems: [{ type: 'string' }], items: { type: 'number' } }),
    new: reading('position', {
      type: 'array',
      prefixItems: [{ type: 'string' }, { type: 'string' }],
      items: { type: 'number' },
    }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['ITEM_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL'],
  },
  {
    name: 'a position removed from a closed tuple breaks a new reader of old data',
    old: reading('position', {
      type: 'array',
      prefixItems: [{ type: 'number' }, { type: 'number' }, { type: 'number' }],
      items: false,
    }),
    new: reading('position', {
      type: 'array',
      prefixItems: [{ type: 'number' }, { type: 'number' }],
      items: false,
    }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL'],
  },
  {
    name: 'a position removed from an open tuple is backward compatible',
    old: reading('position', {
      type: 'array',
      prefixItems: [{ type: 'number' }, { type: 'number' }, { type: 'number' }],
    }),
    new: reading('position', { type: 'array', prefixItems: [{ type: 'number' }, { type: 'number' }] }),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['ITEM_REMOVED_FROM_OPEN_CONTENT_MODEL'],
  },
  {
    name: 'a numeric position removed where extra numbers are allowed is covered',
    old: reading('position', {
      type: 'array',
      prefixItems: [{ type: 'string' }, { type: 'number' }],
      items: { type: 'number' },
    }),
    new: reading('position', { type: 'array', prefixItems: [{ type: 'string' }], items: { type: 'number' } }),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['ITEM_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL'],
  },
  {
    name: 'a string position removed where extra numbers are allowed is not covered',
    old: reading('position', {
      type: 'array',
      prefixItems: [{ type: 'string' }, { type: 'string' }],
      items: { type: 'number' },
    }),
    new: reading('position', { type: 'array', prefixItems: [{ type: 'string' }], items: { type: 'number' } }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['ITEM_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL'],
  },
  {
    name: 'a draft-07 tuple opened with additionalItems is backward compatible',
    old: reading('position', {
      type: 'array',
      items: [{ type: 'number' }, { type: 'number' }],
      additionalItems: false,
    }),
    new: reading('position', {
      type: 'array',
      items: [{ type: 'number' }, { type: 'number' }],
      additionalItems: true,
    }),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['ADDITIONAL_ITEMS_EXTENDED'],
  },
  {
    name: 'a draft-07 tuple that restricts additionalItems is not backward compatible',
    old: reading('position', { type: 'array', items: [{ type: 'number' }, { type: 'number' }] }),
    new: reading('position', {
      type: 'array',
      items: [{ type: 'number' }, { type: 'number' }],
      additionalItems: { type: 'number' },
    }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['ADDITIONAL_ITEMS_NARROWED'],
  },
  {
    name: 'a draft-07 tuple rewritten with prefixItems is no change',
    old: reading('position', {
      type: 'array',
      items: [{ type: 'number' }, { type: 'number' }],
      additionalItems: false,
    }),
    new: reading('position', {
      type: 'array',
      prefixItems: [{ type: 'number' }, { type: 'number' }],
      items: false,
    }),
    mode: 'FULL',
    compatible: true,
    changes: [],
  },
  {
    name: 'a temperature profile of profiles with a lower maximum deep inside is not backward compatible',
    old: reading('profile', {
      type: 'array',
      items: { type: 'array', items: { ...temperature, maximum: 600 } },
    }),
    new: reading('profile', {
      type: 'array',
      items: { type: 'array', items: { ...temperature, maximum: 500 } },
    }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['MAXIMUM_DECREASED'],
  },

  // --- nested objects ---
  {
    name: 'an optional pressure added to a closed inlet nested in the reactor is backward compatible',
    old: closed({ reactor: closed({ inlet: closed({ temperature }) }) }),
    new: closed({ reactor: closed({ inlet: closed({ temperature, pressure }) }) }),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL'],
  },
  {
    name: 'a nested outlet temperature whose unit changed is breaking',
    old: closed({ reactor: closed({ outlet: closed({ temperature }) }) }),
    new: closed({ reactor: closed({ outlet: closed({ temperature: { ...temperature, 'x-unit': 'K' } }) }) }),
    mode: 'FORWARD',
    compatible: false,
    changes: ['UNIT_CHANGED'],
  },

  // --- anyOf, oneOf, allOf, not ---
  {
    name: 'a setpoint that may also be given as a string gains a branch, backward compatible',
    old: reading('setpoint', { anyOf: [{ type: 'number' }, { type: 'null' }] }),
    new: reading('setpoint', { anyOf: [{ type: 'number' }, { type: 'null' }, { type: 'string' }] }),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['SUM_TYPE_EXTENDED'],
  },
  {
    name: 'an anyOf branch added breaks an old reader',
    old: reading('setpoint', { anyOf: [{ type: 'number' }, { type: 'null' }] }),
    new: reading('setpoint', { anyOf: [{ type: 'number' }, { type: 'null' }, { type: 'string' }] }),
    mode: 'FORWARD',
    compatible: false,
    changes: ['SUM_TYPE_EXTENDED'],
  },
  {
    name: 'a oneOf branch removed is not backward compatible',
    old: reading('command', { oneOf: [{ const: 'start' }, { const: 'stop' }, { const: 'hold' }] }),
    new: reading('command', { oneOf: [{ const: 'start' }, { const: 'stop' }] }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['SUM_TYPE_NARROWED'],
  },
  {
    name: 'a temperature that becomes nullable through anyOf is backward compatible',
    old: reading('temperature', temperature),
    new: reading('temperature', {
      description: temperature.description,
      'x-unit': 'degC',
      anyOf: [{ type: 'null' }, { type: 'number' }],
    }),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['SUM_TYPE_EXTENDED'],
  },
  {
    name: 'a nullable temperature that no longer accepts null is not backward compatible',
    old: reading('temperature', { 'x-unit': 'degC', anyOf: [{ type: 'number' }, { type: 'null' }] }),
    new: reading('temperature', { 'x-unit': 'degC', type: 'number' }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['SUM_TYPE_NARROWED'],
  },
  {
    name: 'an edited anyOf branch is compared with its own old version',
    old: reading('setpoint', { anyOf: [{ type: 'null' }, { type: 'number', maximum: 600 }] }),
    new: reading('setpoint', { anyOf: [{ type: 'null' }, { type: 'number', maximum: 650 }] }),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['MAXIMUM_INCREASED'],
  },
  {
    name: 'an allOf constraint dropped is backward compatible',
    old: reading('flow', { allOf: [{ type: 'number' }, { minimum: 0 }, { maximum: 500 }] }),
    new: reading('flow', { allOf: [{ type: 'number' }, { minimum: 0 }] }),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['PRODUCT_TYPE_NARROWED'],
  },
  {
    name: 'an allOf constraint added is not backward compatible',
    old: reading('flow', { allOf: [{ type: 'number' }, { minimum: 0 }] }),
    new: reading('flow', { allOf: [{ type: 'number' }, { minimum: 0 }, { maximum: 500 }] }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['PRODUCT_TYPE_EXTENDED'],
  },
  {
    name: 'oneOf relaxed to anyOf over the same branches is backward compatible',
    old: reading('setpoint', { oneOf: [{ type: 'number' }, { type: 'null' }] }),
    new: reading('setpoint', { anyOf: [{ type: 'number' }, { type: 'null' }] }),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['COMBINED_TYPE_EXTENDED'],
  },
  {
    name: 'anyOf tightened to oneOf is not backward compatible',
    old: reading('setpoint', { anyOf: [{ type: 'number' }, { type: 'integer' }] }),
    new: reading('setpoint', { oneOf: [{ type: 'number' }, { type: 'integer' }] }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['COMBINED_TYPE_NARROWED'],
  },
  {
    name: 'oneOf turned into allOf with other branches breaks both ways',
    old: reading('setpoint', { oneOf: [{ type: 'number' }, { type: 'null' }] }),
    new: reading('setpoint', { allOf: [{ type: 'number' }, { minimum: 0 }] }),
    mode: 'FULL',
    compatible: false,
    changes: ['COMBINED_TYPE_CHANGED', 'COMBINED_TYPE_SUBSCHEMAS_CHANGED'],
  },
  {
    name: 'an anyOf rule added beside other keywords narrows the message',
    old: closed({ tag, flow, pressure }),
    new: closed({ tag, flow, pressure }, [], { anyOf: [{ required: ['flow'] }, { required: ['pressure'] }] }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['COMBINED_TYPE_ADDED'],
  },
  {
    name: 'an anyOf rule taken off beside other keywords widens the message',
    old: closed({ tag, flow, pressure }, [], { anyOf: [{ required: ['flow'] }, { required: ['pressure'] }] }),
    new: closed({ tag, flow, pressure }),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['COMBINED_TYPE_REMOVED'],
  },
  {
    name: 'a not added to a state is not backward compatible',
    old: reading('state', { type: 'string' }),
    new: reading('state', { type: 'string', not: { const: 'unknown' } }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['NOT_TYPE_ADDED'],
  },
  {
    name: 'a not taken off a state is backward compatible',
    old: reading('state', { type: 'string', not: { const: 'unknown' } }),
    new: reading('state', { type: 'string' }),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['NOT_TYPE_REMOVED'],
  },
  {
    name: 'a not that excludes fewer states is backward compatible',
    old: reading('state', { type: 'string', not: { enum: ['unknown', 'offline'] } }),
    new: reading('state', { type: 'string', not: { enum: ['unknown'] } }),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['NOT_TYPE_NARROWED'],
  },
  {
    name: 'a not that excludes more states is not backward compatible',
    old: reading('state', { type: 'string', not: { enum: ['unknown'] } }),
    new: reading('state', { type: 'string', not: { enum: ['unknown', 'offline'] } }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['NOT_TYPE_EXTENDED'],
  },
  {
    name: 'a not that excludes other states breaks both ways',
    old: reading('state', { type: 'string', not: { enum: ['unknown'] } }),
    new: reading('state', { type: 'string', not: { enum: ['offline'] } }),
    mode: 'FULL',
    compatible: false,
    changes: ['NOT_TYPE_CHANGED'],
  },

  // --- $ref to local definitions ---
  {
    name: 'a draft-07 definition whose maximum was raised is backward compatible',
    old: {
      definitions: { temperature: { ...temperature, maximum: 600 } },
      ...closed({ inlet: { $ref: '#/definitions/temperature' } }),
    },
    new: {
      definitions: { temperature: { ...temperature, maximum: 650 } },
      ...closed({ inlet: { $ref: '#/definitions/temperature' } }),
    },
    mode: 'BACKWARD',
    compatible: true,
    changes: ['MAXIMUM_INCREASED'],
  },
  {
    name: 'a $defs definition whose maximum was lowered is not backward compatible',
    old: {
      $defs: { temperature: { ...temperature, maximum: 600 } },
      ...closed({ inlet: { $ref: '#/$defs/temperature' } }),
    },
    new: {
      $defs: { temperature: { ...temperature, maximum: 550 } },
      ...closed({ inlet: { $ref: '#/$defs/temperature' } }),
    },
    mode: 'BACKWARD',
    compatible: false,
    changes: ['MAXIMUM_DECREASED'],
  },
  {
    name: 'an inline temperature moved into $defs unchanged is no change',
    old: closed({ inlet: temperature, outlet: temperature }),
    new: {
      $defs: { temperature },
      ...closed({ inlet: { $ref: '#/$defs/temperature' }, outlet: { $ref: '#/$defs/temperature' } }),
    },
    mode: 'FULL',
    compatible: true,
    changes: [],
  },
  {
    name: 'a unit changed in a shared definition is breaking once for all its uses',
    old: {
      $defs: { temperature },
      ...closed({ inlet: { $ref: '#/$defs/temperature' }, outlet: { $ref: '#/$defs/temperature' } }),
    },
    new: {
      $defs: { temperature: { ...temperature, 'x-unit': 'K' } },
      ...closed({ inlet: { $ref: '#/$defs/temperature' }, outlet: { $ref: '#/$defs/temperature' } }),
    },
    mode: 'BACKWARD',
    compatible: false,
    changes: ['UNIT_CHANGED'],
  },
  {
    name: 'a change deep in a recursive equipment tree is found',
    old: {
      $defs: {
        equipment: closed({ tag, children: { type: 'array', items: { $ref: '#/$defs/equipment' } } }, [
          'tag',
        ]),
      },
      $ref: '#/$defs/equipment',
    },
    new: {
      $defs: {
        equipment: closed(
          {
            tag: { ...tag, maxLength: 16 },
            children: { type: 'array', items: { $ref: '#/$defs/equipment' } },
          },
          ['tag'],
        ),
      },
      $ref: '#/$defs/equipment',
    },
    mode: 'BACKWARD',
    compatible: false,
    changes: ['MAX_LENGTH_ADDED'],
  },

  // --- units and annotations ---
  {
    name: 'a temperature unit changed from degC to K is not backward compatible',
    old: temperatureReading({}),
    new: temperatureReading({ 'x-unit': 'K' }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['UNIT_CHANGED'],
  },
  {
    name: 'a temperature unit changed is not forward compatible either',
    old: temperatureReading({}),
    new: temperatureReading({ 'x-unit': 'K' }),
    mode: 'FORWARD',
    compatible: false,
    changes: ['UNIT_CHANGED'],
  },
  {
    name: 'a pressure unit dropped is breaking',
    old: reading('pressure', pressure),
    new: reading('pressure', { type: 'number', description: pressure.description }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['UNIT_REMOVED'],
  },
  {
    name: 'a unit declared where there was none documents the values and breaks nobody',
    old: reading('pressure', { type: 'number', description: pressure.description }),
    new: reading('pressure', pressure),
    mode: 'FULL',
    compatible: true,
    changes: ['UNIT_ADDED'],
  },
  {
    name: 'a unit change passes under NONE, listed but not breaking',
    old: temperatureReading({}),
    new: temperatureReading({ 'x-unit': 'K' }),
    mode: 'NONE',
    compatible: true,
    changes: ['UNIT_CHANGED'],
  },
  {
    name: 'a new title and description break nobody',
    old: { title: 'Reactor telemetry', ...temperatureReading({}) },
    new: {
      title: 'Reactor R101 telemetry',
      ...temperatureReading({ description: 'Catalyst bed temperature.' }),
    },
    mode: 'FULL',
    compatible: true,
    changes: ['TITLE_CHANGED', 'DESCRIPTION_CHANGED'],
  },
  {
    name: 'new examples, a new default and a display hint break nobody',
    old: temperatureReading({ default: 20, examples: [250], 'x-display': 'gauge' }),
    new: temperatureReading({
      default: 25,
      examples: [250, 260],
      'x-display': 'trend',
      $comment: 'from the DCS',
    }),
    mode: 'FULL',
    compatible: true,
    changes: ['DEFAULT_CHANGED', 'EXAMPLES_CHANGED', 'ANNOTATION_CHANGED', 'ANNOTATION_CHANGED'],
  },

  // --- boolean schemas, NONE, transitive names, unchecked keywords ---
  {
    name: 'a property schema turned from true to false forbids what old data had',
    old: open({ tag, debug: true }),
    new: open({ tag, debug: false }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['FALSE_SCHEMA_ADDED'],
  },
  {
    name: 'a property schema turned from false to true is backward compatible',
    old: open({ tag, debug: false }),
    new: open({ tag, debug: true }),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['FALSE_SCHEMA_REMOVED'],
  },
  {
    name: 'a payload schema of true given a type narrows it',
    old: true,
    new: { type: 'object' },
    mode: 'BACKWARD',
    compatible: false,
    changes: ['TYPE_NARROWED'],
  },
  {
    name: 'a flow that becomes a string passes under NONE, listed but not breaking',
    old: reading('flow', flow),
    new: reading('flow', { ...flow, type: 'string' }),
    mode: 'NONE',
    compatible: true,
    changes: ['TYPE_CHANGED'],
  },
  {
    name: 'BACKWARD_TRANSITIVE between two versions judges like BACKWARD',
    old: temperatureReading({ maximum: 600 }),
    new: temperatureReading({ maximum: 550 }),
    mode: 'BACKWARD_TRANSITIVE',
    compatible: false,
    changes: ['MAXIMUM_DECREASED'],
  },
  {
    name: 'FULL_TRANSITIVE between two versions accepts a description change',
    old: temperatureReading({}),
    new: temperatureReading({ description: 'Bed temperature at the hot spot.' }),
    mode: 'FULL_TRANSITIVE',
    compatible: true,
    changes: ['DESCRIPTION_CHANGED'],
  },
  {
    name: 'an if/then rule changed is reported as unchecked and breaking both ways',
    old: closed({ tag, flow, pump: { type: 'string' } }, [], {
      if: { required: ['flow'] },
      then: { required: ['pump'] },
    }),
    new: closed({ tag, flow, pump: { type: 'string' } }, [], {
      if: { required: ['flow'] },
      then: { required: ['tag'] },
    }),
    mode: 'FULL',
    compatible: false,
    changes: ['UNCHECKED_KEYWORD_CHANGED'],
  },
];

const v1Setpoints = closed({ tag, temperature }, ['tag', 'temperature']);
const v2Setpoints = closed(
  { tag, temperature, rampRate: { type: 'number', 'x-unit': 'K/min', default: 1 } },
  ['tag', 'temperature', 'rampRate'],
);
const v3Setpoints = closed({ tag, temperature, rampRate: { type: 'number', 'x-unit': 'K/min' } }, [
  'tag',
  'temperature',
  'rampRate',
]);

const v1Quality = closed({ tag, quality }, ['tag', 'quality']);
const v2Quality = closed({ tag, quality: { ...quality, default: 'good' } }, ['tag', 'quality']);
const v3Quality = closed({ tag, quality: { ...quality, default: 'good' } }, ['tag']);

const v1Flow = open({ tag, flow });
const v2Flow = open({ tag });
const v3Flow = open({ tag, flow: { ...flow, type: 'string' } });

export const HISTORY_CASES: HistoryCase[] = [
  {
    name: 'under BACKWARD a version that drops a default is checked against the latest only, and passes',
    previous: [v1Setpoints, v2Setpoints],
    next: v3Setpoints,
    mode: 'BACKWARD',
    compatible: true,
    failing: [],
  },
  {
    name: 'under BACKWARD_TRANSITIVE the same version fails against v1, whose data has no ramp rate',
    previous: [v1Setpoints, v2Setpoints],
    next: v3Setpoints,
    mode: 'BACKWARD_TRANSITIVE',
    compatible: false,
    failing: [0],
  },
  {
    name: 'under FORWARD a quality no longer required passes against a reader with a default',
    previous: [v1Quality, v2Quality],
    next: v3Quality,
    mode: 'FORWARD',
    compatible: true,
    failing: [],
  },
  {
    name: 'under FORWARD_TRANSITIVE the same version fails against v1, a reader without a default',
    previous: [v1Quality, v2Quality],
    next: v3Quality,
    mode: 'FORWARD_TRANSITIVE',
    compatible: false,
    failing: [0],
  },
  {
    name: 'under lenient BACKWARD a flow re-added as a string passes against the version without it',
    previous: [v1Flow, v2Flow],
    next: v3Flow,
    mode: 'BACKWARD',
    lenient: true,
    compatible: true,
    failing: [],
  },
  {
    name: 'under lenient BACKWARD_TRANSITIVE a flow re-added as a string fails against v1, where it was a number',
    previous: [v1Flow, v2Flow],
    next: v3Flow,
    mode: 'BACKWARD_TRANSITIVE',
    lenient: true,
    compatible: false,
    failing: [0],
  },
  {
    name: 'under FULL_TRANSITIVE a description-only change passes against every version',
    previous: [temperatureReading({}), temperatureReading({ title: 'T' })],
    next: temperatureReading({ title: 'T', description: 'Bed temperature.' }),
    mode: 'FULL_TRANSITIVE',
    compatible: true,
    failing: [],
  },
  {
    name: 'under FULL_TRANSITIVE a raised maximum fails against every version',
    previous: [temperatureReading({ maximum: 600 }), temperatureReading({ maximum: 600, title: 'T' })],
    next: temperatureReading({ maximum: 650 }),
    mode: 'FULL_TRANSITIVE',
    compatible: false,
    failing: [0, 1],
  },
  {
    name: 'under NONE nothing is checked',
    previous: [v1Flow],
    next: v3Flow,
    mode: 'NONE',
    compatible: true,
    failing: [],
  },
  {
    name: 'a first version has nothing to be compatible with',
    previous: [],
    next: v1Flow,
    mode: 'FULL_TRANSITIVE',
    compatible: true,
    failing: [],
  },
];
