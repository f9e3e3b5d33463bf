import { describe, expect, it } from '@jest/globals';
import { diffSchemas } from './schema-diff.js';

describe('diffSchemas', () => {
  it('names an added property by its pointer, with the new value', () => {
    const entries = diffSchemas(
      { properties: { speed: { type: 'number' } } },
      { properties: { speed: { type: 'number' }, vibration: { type: 'number' } } },
    );
    expect(entries).toEqual([{ pointer: '/properties/vibration', op: 'added', after: { type: 'number' } }]);
  });

  it('names a removed keyword with its old value', () => {
    expect(diffSchemas({ maximum: 3000, type: 'number' }, { type: 'number' })).toEqual([
      { pointer: '/maximum', op: 'removed', before: 3000 },
    ]);
  });

  it('shows a changed list of plain values as one entry', () => {
    expect(diffSchemas({ required: ['pump', 'speed'] }, { required: ['pump'] })).toEqual([
      { pointer: '/required', op: 'changed', before: ['pump', 'speed'], after: ['pump'] },
    ]);
  });

  it('walks lists of schemas index by index', () => {
    expect(
      diffSchemas(
        { anyOf: [{ type: 'string' }, { type: 'null' }] },
        { anyOf: [{ type: 'number' }, { type: 'null' }] },
      ),
    ).toEqual([{ pointer: '/anyOf/0/type', op: 'changed', before: 'string', after: 'number' }]);
  });

  it('lists entries in the newer schema order, then what only the older one had', () => {
    const entries = diffSchemas({ a: 1, z: 1, gone: 1 }, { z: 2, a: 2, new: 1 });
    expect(entries.map((e) => e.pointer)).toEqual(['/z', '/a', '/new', '/gone']);
  });

  it('escapes ~ and / in property names as RFC 6901 says', () => {
    expect(diffSchemas({ properties: {} }, { properties: { 'flow/h~1': true } })[0]!.pointer).toBe(
      '/properties/flow~1h~01',
    );
  });

  it('shows a first version, with nothing before it, as added whole', () => {
    expect(diffSchemas(undefined, { type: 'object' })).toEqual([
      { pointer: '', op: 'added', after: { type: 'object' } },
    ]);
  });

  it('finds no difference between equal schemas', () => {
    expect(diffSchemas({ type: 'object', required: ['a'] }, { type: 'object', required: ['a'] })).toEqual([]);
  });
});
