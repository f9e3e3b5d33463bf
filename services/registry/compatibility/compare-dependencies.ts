/**
 * Draft-07 `dependencies` and draft 2020-12 `dependentRequired` / `dependentSchemas`, read as one
 * thing so that moving a dependency from the old keyword to the new ones is no change. "If flow is
 * present, flowUnit must be too": more names required narrows, fewer widens.
 */
import { childPointer } from './json-pointer.js';
import { invalidSchema } from './invalid-schema.js';
import { isJsonSchema, isSchemaObject, type Located, type LocatedObject } from './json-schema.js';
import type { WalkContext } from './walk-context.js';

interface DependencyArray {
  names: Set<string>;
  loc: string;
}

export function compareDependencies(ctx: WalkContext, oldNode: LocatedObject, newNode: LocatedObject): void {
  const before = dependenciesOf(oldNode);
  const after = dependenciesOf(newNode);

  for (const [name, array] of after.arrays) {
    const previous = before.arrays.get(name);
    if (!previous) {
      ctx.emit('DEPENDENCY_ARRAY_ADDED', array.loc, 'narrows');
      continue;
    }
    const grew = [...previous.names].every((item) => array.names.has(item));
    const shrank = [...array.names].every((item) => previous.names.has(item));
    if (grew && shrank) continue;
    if (grew) ctx.emit('DEPENDENCY_ARRAY_EXTENDED', array.loc, 'narrows');
    else if (shrank) ctx.emit('DEPENDENCY_ARRAY_NARROWED', array.loc, 'widens');
    else ctx.emit('DEPENDENCY_ARRAY_CHANGED', array.loc, 'changes');
  }
  for (const [name, array] of before.arrays) {
    if (!after.arrays.has(name)) ctx.emit('DEPENDENCY_ARRAY_REMOVED', array.loc, 'widens');
  }

  for (const [name, schema] of after.schemas) {
    const previous = before.schemas.get(name);
    if (previous) ctx.walk(previous, schema);
    else ctx.emit('DEPENDENCY_SCHEMA_ADDED', schema.loc, 'narrows');
  }
  for (const [name, schema] of before.schemas) {
    if (!after.schemas.has(name)) ctx.emit('DEPENDENCY_SCHEMA_REMOVED', schema.loc, 'widens');
  }
}

function dependenciesOf(node: LocatedObject): {
  arrays: Map<string, DependencyArray>;
  schemas: Map<string, Located>;
} {
  const arrays = new Map<string, DependencyArray>();
  const schemas = new Map<string, Located>();
  for (const keyword of ['dependencies', 'dependentRequired', 'dependentSchemas']) {
    const value = node.schema[keyword];
    if (value === undefined) continue;
    const pointer = childPointer(node.loc, keyword);
    if (!isSchemaObject(value)) throw invalidSchema(node, pointer, `${keyword} must be an object`);
    for (const [name, dependency] of Object.entries(value)) {
      const loc = childPointer(pointer, name);
      if (keyword !== 'dependentSchemas' && Array.isArray(dependency)) {
        if (!dependency.every((item) => typeof item === 'string')) {
          throw invalidSchema(node, loc, 'a dependency must list property names');
        }
        arrays.set(name, { names: new Set(dependency as string[]), loc });
      } else if (keyword !== 'dependentRequired' && isJsonSchema(dependency)) {
        schemas.set(name, { root: node.root, side: node.side, schema: dependency, loc });
      } else {
        throw invalidSchema(
          node,
          loc,
          `${keyword} values must be ${keyword === 'dependentRequired' ? 'arrays of names' : 'schemas'}`,
        );
      }
    }
  }
  return { arrays, schemas };
}
