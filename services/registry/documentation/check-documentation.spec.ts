import { describe, expect, it } from '@jest/globals';
import { checkDocumentation } from './check-documentation.js';

const documented = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'Reactor telemetry',
  description: 'One sample of a reactor.',
  type: 'object',
  properties: {
    equipment: { type: 'string', description: 'Reactor id.' },
    temperature: { type: 'number', description: 'Bed temperature.', 'x-unit': 'degC' },
  },
  examples: [{ equipment: 'R101', temperature: 250 }],
};

describe('documentation completeness', () => {
  it('accepts a schema that documents itself', () => {
    expect(checkDocumentation(documented)).toEqual([]);
  });

  it('reports every missing item at once, each with its JSON pointer', () => {
    const gaps = checkDocumentation({
      type: 'object',
      properties: {
        equipment: { type: 'string' },
        temperature: { type: 'number', description: 'Bed temperature.' },
        jacket: {
          type: 'object',
          description: 'Cooling jacket.',
          properties: { inlet: { type: ['number', 'null'] } },
        },
        bed: { type: 'array', description: 'Bed profile.', items: { type: 'integer' } },
      },
    });
    expect(gaps.map((g) => [g.pointer, g.rule])).toEqual([
      ['', 'title'],
      ['', 'description'],
      ['/properties/equipment', 'description'],
      ['/properties/temperature', 'x-unit'],
      ['/properties/jacket/properties/inlet', 'description'],
      ['/properties/jacket/properties/inlet', 'x-unit'],
      ['/properties/bed/items', 'x-unit'],
      ['/examples', 'examples'],
    ]);
  });

  it('refuses an example that does not validate and says why', () => {
    const gaps = checkDocumentation({ ...documented, examples: [{ equipment: 'R101', temperature: 'hot' }] });
    expect(gaps).toEqual([
      expect.objectContaining({
        pointer: '/examples/0',
        rule: 'example-invalid',
        message: expect.stringContaining('/temperature'),
      }),
    ]);
  });

  it('takes the description of a property from the definition it refers to', () => {
    const gaps = checkDocumentation({
      ...documented,
      properties: { ...documented.properties, pressure: { $ref: '#/$defs/pressure' } },
      $defs: { pressure: { type: 'number', description: 'Pressure.', 'x-unit': 'MPa' } },
    });
    expect(gaps).toEqual([]);
  });
});
