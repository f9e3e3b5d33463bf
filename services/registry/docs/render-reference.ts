/**
 * A static HTML reference of the live contracts, for people: what each contract is, who owns it,
 * who reads it, and for each version a table of its fields (pointer, type, unit, required,
 * description) and an example. One self-contained page, no scripts.
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
}

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
  const examples =
    isSchemaObject(version.schema) && Array.isArray(version.schema.examples) ? version.schema.examples : [];
  const status = version.status + (version.sunset ? `, sunset ${version.sunset}` : '');
  return `<h3 id="${attr(`${id}-${version.version}`)}">${text(version.version)} <span class="status ${attr(version.status)}">${text(status)}</span></h3>
<table>
<tr><th>Field</th><th>Type</th><th>Unit</th><th>Required</th><th>Description</th></tr>
${rows
  .map(
    (r) =>
      `<tr><td><code>${text(r.pointer)}</code></td><td>${text(r.type)}</td><td>${text(r.unit)}</td><td>${r.required ? 'yes' : ''}</td><td>${text(r.description)}</td></tr>`,
  )
  .join('\n')}
</table>
${examples.length ? `<p>Example:</p>\n<pre>${text(JSON.stringify(examples[0], null, 2))}</pre>` : ''}`;
}

function fields(schema: JsonSchema, pointer = '', required = false, out: FieldRow[] = []): FieldRow[] {
  if (!isSchemaObject(schema)) return out;
  if (pointer) {
    out.push({
      pointer,
      type: typeOf(schema),
      unit: typeof schema['x-unit'] === 'string' ? schema['x-unit'] : '',
      required,
      description: typeof schema.description === 'string' ? schema.description : '',
    });
  }
  const requiredNames = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  if (isSchemaObject(schema.properties)) {
    for (const [name, child] of Object.entries(schema.properties)) {
      fields(child as JsonSchema, `${pointer}/${name}`, requiredNames.includes(name), out);
    }
  }
  if (isSchemaObject(schema.items)) fields(schema.items, `${pointer}/*`, false, out);
  if (isSchemaObject(schema.additionalProperties))
    fields(schema.additionalProperties, `${pointer}/{name}`, false, out);
  return out;
}

function typeOf(schema: SchemaObject): string {
  const type = Array.isArray(schema.type)
    ? schema.type.join(' | ')
    : typeof schema.type === 'string'
      ? schema.type
      : '';
  const extras = [
    Array.isArray(schema.enum) ? `one of ${schema.enum.join(', ')}` : '',
    typeof schema.format === 'string' ? schema.format : '',
    typeof schema.minimum === 'number' ? `≥ ${schema.minimum}` : '',
    typeof schema.maximum === 'number' ? `≤ ${schema.maximum}` : '',
    typeof schema.pattern === 'string' ? `pattern ${schema.pattern}` : '',
  ].filter(Boolean);
  return [type, ...extras].join('; ');
}

function text(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;');
}
