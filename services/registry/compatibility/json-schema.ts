import { isJsonObject } from '../../common/schemas/is-json-object.js';

/** The shapes the checker walks: a JSON Schema is `true`, `false` or an object of keywords. */
export type SchemaObject = { readonly [keyword: string]: unknown };
export type JsonSchema = boolean | SchemaObject;

/**
 * A schema node with the root its local `$ref`s resolve against and its own JSON pointer there.
 * Old and new schemas are walked side by side, each against its own root, so a definition that
 * changed between versions is seen as changed even when the `$ref` text is the same.
 */
export interface Located {
  readonly root: JsonSchema;
  /** Which of the two schemas this node belongs to, for error messages. */
  readonly side: Side;
  readonly schema: JsonSchema;
  readonly loc: string;
  /** Keywords written beside a `$ref`, which live at the referring site and not in the definition. */
  readonly overlay?: { readonly loc: string; readonly keywords: ReadonlySet<string> };
}

export type Side = 'old' | 'new';

/** A located node known to be an object (`true` is read as `{}`, `false` is handled before). */
export interface LocatedObject extends Located {
  readonly schema: SchemaObject;
}

export const isSchemaObject: (value: unknown) => value is SchemaObject = isJsonObject;

export function isJsonSchema(value: unknown): value is JsonSchema {
  return typeof value === 'boolean' || isSchemaObject(value);
}
