/**
 * Reads a contracts folder (`<dir>/<domain>/<name>/`) into contract sources, collecting every problem
 * instead of stopping at the first: a linter is more useful when it lists everything.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { JsonSchema } from '../../common/schemas/json-schema.types.js';
import { checkDescriptor } from './check-descriptor.js';
import type { ContractDescriptor, ContractSource, MajorTransforms } from './contract.types.js';
import type { ContractProblem } from './contract-problem.js';
import { compareSemver, isSemver } from '../../common/registry-state/index.js';

const SCHEMA_FILE = /^(.+)\.schema\.json$/;
const TRANSFORM_FILE = /^(\d+)\.(up|down)\.jsonata$/;

export interface LoadedContracts {
  contracts: ContractSource[];
  problems: ContractProblem[];
}

export async function loadContracts(dir: string): Promise<LoadedContracts> {
  const contracts: ContractSource[] = [];
  const problems: ContractProblem[] = [];
  for (const domain of await subfolders(dir)) {
    for (const name of await subfolders(path.join(dir, domain))) {
      const loaded = await loadContract(dir, domain, name, problems);
      if (loaded) contracts.push(loaded);
    }
  }
  return { contracts, problems };
}

async function loadContract(
  dir: string,
  domain: string,
  name: string,
  problems: ContractProblem[],
): Promise<ContractSource | null> {
  const folder = path.join(domain, name);
  const files = await fs.readdir(path.join(dir, folder));
  const descriptorFile = path.join(folder, 'contract.json');
  if (!files.includes('contract.json')) {
    problems.push({
      file: descriptorFile,
      code: 'DESCRIPTOR_MISSING',
      message: `${folder} has no contract.json`,
    });
    return null;
  }
  const descriptor = await readJson(dir, descriptorFile, problems);
  const descriptorProblems =
    descriptor === undefined ? [] : checkDescriptor(descriptor, descriptorFile, `${domain}.${name}`);
  problems.push(...descriptorProblems);

  const versions: ContractSource['versions'] = [];
  const transforms = new Map<number, MajorTransforms>();
  for (const file of files.sort()) {
    const schemaMatch = SCHEMA_FILE.exec(file);
    const transformMatch = TRANSFORM_FILE.exec(file);
    if (file === 'contract.json' || file === 'README.md') continue;
    if (schemaMatch) {
      const version = schemaMatch[1]!;
      if (!isSemver(version)) {
        problems.push({
          file: path.join(folder, file),
          code: 'VERSION_INVALID',
          message: `${file}: ${version} is not a semantic version (MAJOR.MINOR.PATCH)`,
        });
        continue;
      }
      const schema = await readJson(dir, path.join(folder, file), problems);
      if (schema !== undefined) versions.push({ version, schema: schema as JsonSchema });
    } else if (transformMatch) {
      const major = Number(transformMatch[1]);
      const entry = transforms.get(major) ?? { major };
      entry[transformMatch[2] as 'up' | 'down'] = await fs.readFile(path.join(dir, folder, file), 'utf8');
      transforms.set(major, entry);
    } else {
      problems.push({
        file: path.join(folder, file),
        code: 'UNKNOWN_FILE',
        message: `${file} is neither <version>.schema.json nor <major>.up|down.jsonata`,
      });
    }
  }
  if (descriptor === undefined || descriptorProblems.length > 0) return null;
  versions.sort((a, b) => compareSemver(a.version, b.version));
  return {
    descriptor: descriptor as ContractDescriptor,
    versions,
    transforms: [...transforms.values()].sort((a, b) => a.major - b.major),
    folder,
  };
}

async function readJson(dir: string, file: string, problems: ContractProblem[]): Promise<unknown> {
  try {
    return JSON.parse(await fs.readFile(path.join(dir, file), 'utf8')) as unknown;
  } catch (error) {
    problems.push({
      file,
      code: 'JSON_INVALID',
      message: `${file} is not valid JSON: ${(error as Error).message}`,
    });
    return undefined;
  }
}

async function subfolders(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}
