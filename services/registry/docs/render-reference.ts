/**
 * A static HTML reference of the live contracts, for people: what each contract is, who owns it,
 * who reads it, and for each version its own title and description, a table of its fields in
 * schema order (pointer, type, unit, required, description, and every other keyword that
 * constrains the value: bounds, sizes, patterns, enums, defaults), its transforms and an example.
 * One self-contained page, no scripts.
 */
import {
  isSchemaObject,
  type JsonSchema,
  type SchemaObject,
} from '../../common/schemas/json-schema.types.js';
import type { PublishedContract, PublishedVersion } from '../asyncapi/published-contract.types.js';

interface FieldRow {
  pointer: string;
  type: string;
  unit: string;
  required: boolean;
  description: string;
  constraints: string;
}

/**
 * Keywords a row shows in its own columns, or that the walk descends into (their content becomes
 * rows of their own); every other keyword is listed under Constraints.
 */
const SHOWN = new Set([
  'type',
  'x-unit',
  'description',
  'title',
  'properties',
  'required',
  'examples',
  '$schema',
  '$id',
  '$defs',
  'definitions',
]);
const WALKED_SCHEMA = ['items', 'additionalProperties'] as const;

export function renderReference(contracts: PublishedContract[], generatedAt: Date): string {
  const sorted = [...contracts].sort((a, b) => a.descriptor.id.localeCompare(b.descriptor.id));
  const toc = sorted.map(
    (c) =>
      `<li><a href="#${attr(c.descriptor.id)}">${text(c.descriptor.id)}</a> — ${text(c.descriptor.title)}</li>`,
  );
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>DX Hub contracts</title>
<style>
body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 70rem; padding: 0 1rem; color: #1b1f24; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { border: 1px solid #d0d7de; padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
code, pre { font: 13px/1.4 ui-monospace, monospace; }
pre { background: #f6f8fa; padding: .75rem; overflow-x: auto; }
.status { font-size: 12px; padding: 0 .4rem; border-radius: .6rem; background: #ddf4ff; }
.status.deprecated { background: #fff8c5; }
section.contract { border-top: 2px solid #d0d7de; margin-top: 2rem; }
</style>
</head>
<body>
<h1>DX Hub contracts</h1>
<p>Generated ${text(generatedAt.toISOString())} from the contract registry. Publish on <code>dx.publish.&lt;contract&gt;</code>;
receive on <code>dx.data.&lt;contract&gt;.v&lt;major&gt;.&lt;key&gt;</code>.</p>
<ul>
${toc.join('\n')}
</ul>
${sorted.map(renderContract).join('\n')}
</body>
</html>
`;
}

function renderContract(contract: PublishedContract): string {
  const d = contract.descriptor;
  const consumers =
    contract.consumers.map((c) => `${c.consumer} (major ${c.majors.join(', ')})`).join('; ') ||
    'none registered';
  return `<section class="contract" id="${attr(d.id)}">
<h2>${text(d.id)} — ${text(d.title)}</h2>
<p>${text(d.description)}</p>
<table>
<tr><th>Owner</th><td>${text(d.owner)}</td></tr>
<tr><th>Key</th><td>${d.key ? `<code>${text(d.key)}</code>` : 'none'}</td></tr>
<tr><th>Compatibility</th><td>${text(d.compatibility)}</td></tr>
<tr><th>Consumers</th><td>${text(consumers)}</td></tr>
<tr><th>Tags</th><td>${text(d.tags.join(', '))}</td></tr>
</table>
${[...contract.versions]
  .reverse()
  .map((v) => renderVersion(d.id, v))
  .join('\n')}
</section>`;
}

function renderVersion(id: string, version: PublishedVersion): string {
  const rows = fields(version.schema);
  const schema = isSchemaObject(version.schema) ? version.schema : {};
  const examples = Array.isArray(schema.examples) ? schema.examples : [];
  const status = version.status + (version.sunset ? `, sunset ${version.sunset}` : '');
  const own = [
    typeof schema.title === 'string' ? `<p><strong>${text(schema.title)}</strong></p>` : '',
    typeof schema.description === 'string' ? `<p>${text(schema.description)}</p>` : '',
    constraintsOf(schema) ? `<p>Constraints: ${text(constraintsOf(schema))}</p>` : '',
  ].filter(Boolean);
  const transforms = (['up', 'down'] as const)
    .filter((direction) => version.transforms?.[direction])
    .map(
      (direction) =>
        `<p>Transform ${text(`${version.major}.${direction}`)} (${direction === 'up' ? `major ${version.major - 1} to ${version.major}` : `major ${version.major} to ${version.major - 1}`}):</p>\n<pre>${text(version.transforms![direction]!)}</pre>`,
    );
  return `<h3 id="${attr(`${id}-${version.version}`)}">${text(version.version)} <span class="status ${attr(version.status)}">${text(status)}</span></h3>
${own.join('\n')}
<table>
<tr><th>Field</th><th>Type</th><th>Unit</th><th>Required</th><th>Description</th><th>Constraints</th></tr>
${rows
  .map(
    (r) =>
      `<tr><td><code>${text(r.pointer)}</code></td><td>${text(r.type)}</td><td>${text(r.unit)}</td><td>${r.required ? 'yes' : ''}</td><td>${text(r.description)}</td><td>${text(r.constraints)}</td></tr>`,
  )
  .join('\n')}
</table>
${transforms.join('\n')}
${examples.length ? `<p>Example:</p>\n<pre>${text(JSON.stringify(examples[0], null, 2))}</pre>` : ''}`;
}

/** The fields in schema order: properties as written, then array items and additional properties. */
function fields(schema: JsonSchema, pointer = '', required = false, out: FieldRow[] = []): FieldRow[] {
  if (!isSchemaObject(schema)) return out;
  if (pointer) {
    const title = typeof schema.title === 'string' ? `${schema.title}. ` : '';
    out.push({
      pointer,
      type: typeOf(schema),
      unit: typeof schema['x-unit'] === 'string' ? schema['x-unit'] : '',
      required,
      description: title + (typeof schema.description === 'string' ? schema.description : ''),
      constraints: constraintsOf(schema),
    });
  }
  const requiredNames = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  if (isSchemaObject(schema.properties)) {
    for (const [name, child] of Object.entries(schema.properties)) {
      fields(child as JsonSchema, `${pointer}/${name}`, requiredNames.includes(name), out);
    }
  }
  if (Array.isArray(schema.prefixItems)) {
    schema.prefixItems.forEach((item, i) => fields(item as JsonSchema, `${pointer}/${i}`, false, out));
  }
  if (isSchemaObject(schema.items)) fields(schema.items, `${pointer}/*`, false, out);
  if (isSchemaObject(schema.additionalProperties))
    fields(schema.additionalProperties, `${pointer}/{name}`, false, out);
  // Definitions that $ref points at, each a row of its own (named as the $ref names it).
  for (const keyword of ['$defs', 'definitions'] as const) {
    const defs = schema[keyword];
    if (!isSchemaObject(defs)) continue;
    for (const [name, child] of Object.entries(defs))
      fields(child as JsonSchema, `#/${keyword}/${name}`, false, out);
  }
  return out;
}

function typeOf(schema: SchemaObject): string {
  if (Array.isArray(schema.type)) return schema.type.join(' | ');
  return typeof schema.type === 'string' ? schema.type : '';
}

/** Every keyword not shown in a column of its own, as `keyword value`, in schema order. */
function constraintsOf(schema: SchemaObject): string {
  return Object.entries(schema)
    .filter(([keyword, value]) => {
      if (SHOWN.has(keyword) || keyword === 'prefixItems') return false;
      // A subschema the walk lists as rows of its own is not repeated here; false and true are.
      return !((WALKED_SCHEMA as readonly string[]).includes(keyword) && isSchemaObject(value));
    })
    .map(([keyword, value]) => `${keyword} ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join('; ');
}

function text(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;');
}
