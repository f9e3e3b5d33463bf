import { describe, expect, it } from '@jest/globals';
import { checkDocumentation } from './check-documentation.js';

const documented = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'Reactor telemetry',
  description: 'One sample of a reactor.',
  type: 'object',
  properties: {
    equipment: { type: 'string', description: 'Reactor id.' },
    temperature: { type: 'number', description: 'Bed temperature.', 'x-unit': 'Cel' },
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

  it('takes the description of a definition named by $anchor or embedded $id', () => {
    const schema = {
      $id: 'https://hub.example/contracts/r.json',
      title: 'Reading',
      description: 'A reading.',
      type: 'object',
      properties: { bed: { $ref: '#bed' }, wall: { $ref: 'types/wall.json' } },
      $defs: {
        bed: { $anchor: 'bed', type: 'number', description: 'Bed temperature.', 'x-unit': 'Cel' },
        wall: { $id: 'types/wall.json', type: 'number', description: 'Wall temperature.', 'x-unit': 'Cel' },
      },
      examples: [{ bed: 250, wall: 40 }],
    };
    expect(checkDocumentation(schema)).toEqual([]);
  });

  it('refuses an x-unit that is not a UCUM code, naming it, and takes UCUM codes with annotations', () => {
    const withUnit = (unit: string) =>
      checkDocumentation({
        ...documented,
        properties: {
          ...documented.properties,
          speed: { type: 'number', description: 'Speed.', 'x-unit': unit },
        },
      });
    expect(withUnit('rpm')).toEqual([
      expect.objectContaining({
        pointer: '/properties/speed/x-unit',
        rule: 'x-unit',
        message: expect.stringContaining('x-unit "rpm" of /properties/speed is not a UCUM code'),
      }),
    ]);
    expect(withUnit('{rev}/min')).toEqual([]);
    expect(withUnit('L/min')).toEqual([]);
  });

  it('wants x-event-time to point at a date-time string of the payload', () => {
    const withEventTime = (pointer: string) => checkDocumentation({ ...documented, 'x-event-time': pointer });
    expect(withEventTime('/temperature')).toEqual([
      expect.objectContaining({
        pointer: '/x-event-time',
        rule: 'x-event-time',
        message: expect.stringContaining('date-time'),
      }),
    ]);
    expect(withEventTime('/sampledAt')).toEqual([
      expect.objectContaining({ rule: 'x-event-time', message: expect.stringContaining('does not declare') }),
    ]);
  });
});
