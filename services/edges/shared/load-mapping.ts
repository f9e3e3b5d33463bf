/**
 * Reads an edge's mapping file (YAML, or JSON, which is YAML too), checks it against the adapter's
 * JSON Schema with every problem listed, then runs the adapter's own checks (topic patterns, JSONata
 * expressions, node ids). Nothing starts on a mapping with a problem: MAPPING_INVALID names the file
 * and each problem with its JSON pointer.
 */
import { readFile } from 'node:fs/promises';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parseDocument } from 'yaml';
import { DxError } from '../../common/errors/dx-error.js';

export interface MappingProblem {
  /** JSON pointer into the mapping ('' for the file as a whole). */
  pointer: string;
  message: string;
}

export type MappingCheck<T> = (mapping: T) => MappingProblem[];

export async function loadMapping<T>(file: string, schema: object, check?: MappingCheck<T>): Promise<T> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw invalid(file, [{ pointer: '', message: `cannot read the file (${(error as Error).message})` }]);
  }
  return parseMapping(text, file, schema, check);
}

export function parseMapping<T>(text: string, file: string, schema: object, check?: MappingCheck<T>): T {
  const document = parseDocument(text, { prettyErrors: false });
  if (document.errors.length > 0)
    throw invalid(
      file,
      document.errors.map((error) => ({ pointer: '', message: error.message.split('\n')[0]! })),
    );
  const mapping: unknown = document.toJS();
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  const validate = ajv.compile<T>(schema);
  if (!validate(mapping)) {
    const problems = (validate.errors ?? []).map((error) => {
      const params = error.params as Record<string, unknown>;
      const where =
        error.keyword === 'required'
          ? `${error.instancePath}/${String(params.missingProperty)}`
          : error.keyword === 'additionalProperties'
            ? `${error.instancePath}/${String(params.additionalProperty)}`
            : error.instancePath;
      const message =
        error.keyword === 'additionalProperties'
          ? 'is not a setting of this mapping'
          : error.keyword === 'required'
            ? 'is required'
            : (error.message ?? 'is invalid');
      return { pointer: where, message };
    });
    throw invalid(file, dedupe(problems));
  }
  const problems = check?.(mapping) ?? [];
  if (problems.length > 0) throw invalid(file, problems);
  return mapping;
}

function dedupe(problems: MappingProblem[]): MappingProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const id = `${p.pointer}\u0000${p.message}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

function invalid(file: string, problems: MappingProblem[]): DxError {
  const lines = problems.map((p) => `${p.pointer || '(file)'} ${p.message}`);
  return new DxError(
    'MAPPING_INVALID',
    `the mapping ${file} has ${problems.length} problem${problems.length === 1 ? '' : 's'}: ${lines.join('; ')}`,
    { file, problems },
  );
}
