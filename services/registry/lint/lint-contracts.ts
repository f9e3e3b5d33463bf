/**
 * `dx contracts check`: everything that can be known about a contracts folder without storing
 * anything. Each schema compiles in ajv strict mode and documents itself (examples validate), each
 * version is compatible with the ones before it in its major under the contract's mode, transforms
 * parse, and, given the registry's digests, no published version was changed.
 */
import path from 'node:path';
import jsonata from 'jsonata';
import { DxError } from '../../common/errors/dx-error.js';
import { compileSchema } from '../../common/schemas/compile-schema.js';
import type { ContractSource } from '../contracts/contract.types.js';
import type { ContractProblem } from '../contracts/contract-problem.js';
import type { LoadedContracts } from '../contracts/load-contracts.js';
import { majorOf } from '../../common/registry-state/index.js';
import { checkDocumentation } from '../documentation/check-documentation.js';
import type { CheckHistory } from '../lifecycle/compatibility-check.types.js';
import { schemaDigest } from '../lifecycle/schema-digest.js';

/** contract id → version → digest, as the registry has them. */
export type PublishedDigests = Map<string, Map<string, string>>;

export function lintContracts(
  loaded: LoadedContracts,
  checkHistory: CheckHistory,
  published?: PublishedDigests,
): ContractProblem[] {
  const problems = [...loaded.problems];
  for (const contract of loaded.contracts) problems.push(...lintContract(contract, checkHistory, published));
  return problems;
}

function lintContract(
  contract: ContractSource,
  checkHistory: CheckHistory,
  published?: PublishedDigests,
): ContractProblem[] {
  const problems: ContractProblem[] = [];
  const fileOf = (version: string) => path.join(contract.folder, `${version}.schema.json`);
  const usable: ContractSource['versions'] = [];
  for (const { version, schema } of contract.versions) {
    const file = fileOf(version);
    try {
      compileSchema(schema, file);
    } catch (error) {
      problems.push({ file, code: 'SCHEMA_INVALID', message: (error as DxError).message });
      continue;
    }
    usable.push({ version, schema });
    for (const gap of checkDocumentation(schema)) {
      problems.push({ file, pointer: gap.pointer, code: 'DOCUMENTATION_INCOMPLETE', message: gap.message });
    }
    const digest = published?.get(contract.descriptor.id)?.get(version);
    if (digest && digest !== schemaDigest(schema)) {
      problems.push({
        file,
        code: 'CONTRACT_VERSION_IMMUTABLE',
        message: `${contract.descriptor.id} ${version} is published in the registry with other content; publish a new version instead`,
      });
    }
  }
  for (let i = 1; i < usable.length; i++) {
    const next = usable[i]!;
    const earlier = usable.slice(0, i).filter((v) => majorOf(v.version) === majorOf(next.version));
    if (earlier.length === 0) continue;
    for (const failure of checkHistory(
      earlier.map((v) => v.schema),
      next.schema,
      contract.descriptor.compatibility,
    )) {
      const against = earlier[failure.index]!.version;
      const breaking = failure.changes.filter((c) => c.breaking).map((c) => `${c.type} at ${c.path}`);
      problems.push({
        file: fileOf(next.version),
        code: 'COMPATIBILITY_BROKEN',
        message: `${next.version} breaks ${contract.descriptor.compatibility} compatibility with ${against} (${breaking.join(', ')}); a breaking change needs a new major`,
      });
    }
  }
  for (const transform of contract.transforms) {
    for (const direction of ['up', 'down'] as const) {
      const expression = transform[direction];
      if (expression === undefined) continue;
      try {
        jsonata(expression);
      } catch (error) {
        problems.push({
          file: path.join(contract.folder, `${transform.major}.${direction}.jsonata`),
          code: 'CONTRACT_INVALID',
          message: `does not parse: ${(error as Error).message}`,
        });
      }
    }
  }
  return problems;
}
