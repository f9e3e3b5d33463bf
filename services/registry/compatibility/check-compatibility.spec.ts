import { describe, expect, it } from '@jest/globals';
import { checkCompatibility } from './check-compatibility.js';
import type { SchemaObject } from './json-schema.js';

const number = (keywords: SchemaObject = {}) => ({ type: 'number', ...keywords });

/** A plant hierarchy: an area holds units, a unit holds areas again (mutually recursive). */
function plant(maximum: number): SchemaObject {
  return {
    $defs: {
      area: { type: 'object', properties: { units: { type: 'array', items: { $ref: '#/$defs/unit' } } } },
      unit: {
        type: 'object',
        properties: { temperature: number({ maximum }), subAreas: { $ref: '#/$defs/area' } },
      },
    },
    $ref: '#/$defs/area',
  };
}

describe('$ref cycles', () => {
  it('compares a schema that refers to its own root without looping', () => {
    const node = { type: 'object', properties: { flow: number(), child: { $ref: '#' } } };
    expect(checkCompatibility(node, node, { mode: 'FULL' })).toEqual({ compatible: true, changes: [] });
  });

  it('reports a change inside mutually recursive definitions once, at the definition', () => {
    const result = checkCompatibility(plant(600), plant(550));
    expect(result).toEqual({
      compatible: false,
      changes: [
        { type: 'MAXIMUM_DECREASED', path: '#/$defs/unit/properties/temperature/maximum', breaking: true },
      ],
    });
  });

  it('ends when old and new recurse with different periods', () => {
    const everyLevel = {
      $defs: { level: { type: 'object', properties: { flow: number(), next: { $ref: '#/$defs/level' } } } },
      $ref: '#/$defs/level',
    };
    const alternating = {
      $defs: {
        even: { type: 'object', properties: { flow: number(), next: { $ref: '#/$defs/odd' } } },
        odd: { type: 'object', properties: { flow: { type: 'integer' }, next: { $ref: '#/$defs/even' } } },
      },
      $ref: '#/$defs/even',
    };
    expect(checkCompatibility(everyLevel, alternating).changes).toEqual([
      { type: 'TYPE_NARROWED', path: '#/$defs/odd/properties/flow/type', breaking: true },
    ]);
    expect(checkCompatibility(alternating, everyLevel).compatible).toBe(true);
  });

  it('ends when a recursive definition is also what covers an added property', () => {
    const node = (properties: SchemaObject) => ({
      $defs: { node: { type: 'object', additionalProperties: { $ref: '#/$defs/node' }, properties } },
      $ref: '#/$defs/node',
    });
    const result = checkCompatibility(
      node({ flow: number() }),
      node({ flow: number(), bypass: { $ref: '#/$defs/node' } }),
    );
    expect(result.changes).toEqual([
      {
        type: 'PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
        path: '#/$defs/node/properties/bypass',
        breaking: false,
      },
    ]);
  });

  it('reports a unit written beside a $ref where it is written', () => {
    const withUnit = (unit: string) => ({
      $defs: { temperature: number() },
      properties: { inlet: { $ref: '#/$defs/temperature', 'x-unit': unit } },
    });
    expect(checkCompatibility(withUnit('degC'), withUnit('K')).changes).toEqual([
      { type: 'UNIT_CHANGED', path: '#/properties/inlet/x-unit', breaking: true },
    ]);
  });

  it('refuses a $ref that only refers to itself', () => {
    const loop = { $defs: { a: { $ref: '#/$defs/b' }, b: { $ref: '#/$defs/a' } }, $ref: '#/$defs/a' };
    expect(() => checkCompatibility(loop, {})).toThrow('refers to itself');
  });

  it('refuses a $ref to a definition that does not exist, naming where it is', () => {
    expect(() => checkCompatibility({}, { properties: { flow: { $ref: '#/$defs/flow' } } })).toThrow(
      'new schema #/properties/flow/$ref: $ref #/$defs/flow names nothing in this schema',
    );
  });

  it('refuses a $ref to another document', () => {
    expect(() => checkCompatibility({ $ref: 'common.json#/$defs/tag' }, {})).toThrow(
      'never another document',
    );
  });
});

describe('nested arrays', () => {
  const grid = (cell: SchemaObject) => ({ type: 'array', items: { type: 'array', items: cell } });

  it('points at a bound lowered inside an array of arrays', () => {
    expect(
      checkCompatibility(grid(number({ maximum: 600 })), grid(number({ maximum: 500 }))).changes,
    ).toEqual([{ type: 'MAXIMUM_DECREASED', path: '#/items/items/maximum', breaking: true }]);
  });

  it('judges a property added to a closed object inside nested arrays by its content model', () => {
    const cell = (properties: SchemaObject) => ({ type: 'object', additionalProperties: false, properties });
    const before = grid(cell({ temperature: number() }));
    const after = grid(cell({ temperature: number(), pressure: number() }));
    expect(checkCompatibility(before, after, { mode: 'BACKWARD' }).compatible).toBe(true);
    expect(checkCompatibility(before, after, { mode: 'FULL' })).toEqual({
      compatible: false,
      changes: [
        {
          type: 'OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL',
          path: '#/items/items/properties/pressure',
          breaking: true,
        },
      ],
    });
  });

  it('compares tuples nested in a list position by position', () => {
    const points = (z: SchemaObject) => ({
      type: 'array',
      items: { type: 'array', prefixItems: [number(), number(), z] },
    });
    expect(checkCompatibility(points(number()), points({ type: 'integer' })).changes).toEqual([
      { type: 'TYPE_NARROWED', path: '#/items/prefixItems/2/type', breaking: true },
    ]);
  });
});

describe('modes and input', () => {
  it('lists changes under NONE without any of them breaking', () => {
    const result = checkCompatibility(number(), { type: 'string' }, { mode: 'NONE' });
    expect(result).toEqual({
      compatible: true,
      changes: [{ type: 'TYPE_CHANGED', path: '#/type', breaking: false }],
    });
  });

  it('checks BACKWARD when no mode is given', () => {
    expect(checkCompatibility({ type: 'integer' }, number()).compatible).toBe(true);
    expect(checkCompatibility(number(), { type: 'integer' }).compatible).toBe(false);
  });

  it('takes the mode in any letter case', () => {
    expect(checkCompatibility(number(), { type: 'integer' }, { mode: 'forward' as never }).compatible).toBe(
      true,
    );
  });

  it('refuses an unknown mode with BAD_ARGUMENT', () => {
    expect(() => checkCompatibility({}, {}, { mode: 'SIDEWAYS' as never })).toThrow(
      expect.objectContaining({ code: 'BAD_ARGUMENT' }),
    );
  });

  it('refuses a schema that is neither an object nor a boolean', () => {
    expect(() => checkCompatibility(42, {})).toThrow(expect.objectContaining({ code: 'SCHEMA_INVALID' }));
  });

  it('refuses a keyword of the wrong shape, naming its pointer', () => {
    expect(() => checkCompatibility({}, { properties: { temperature: { maximum: '600' } } })).toThrow(
      expect.objectContaining({
        code: 'SCHEMA_INVALID',
        details: {
          schema: 'new',
          pointer: '#/properties/temperature/maximum',
          rule: 'maximum must be a number',
        },
      }),
    );
  });

  it('accepts boolean schemas at the root', () => {
    expect(checkCompatibility(false, true)).toEqual({
      compatible: true,
      changes: [{ type: 'FALSE_SCHEMA_REMOVED', path: '#', breaking: false }],
    });
    expect(checkCompatibility(true, false).compatible).toBe(false);
  });
});
