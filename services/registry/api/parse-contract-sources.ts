/** The body of a push: {contracts: [{descriptor, versions: [{version, schema}], transforms?: [...]}]}. */
import { DxError } from '../../common/errors/dx-error.js';
import type { Body } from '../../common/http/request-fields.js';
import type { ContractSource } from '../contracts/contract.types.js';
import { checkDescriptor } from '../contracts/check-descriptor.js';
import { compareSemver, isSemver } from '../../common/registry-state/index.js';

export function parseContractSources(body: Body): ContractSource[] {
  if (!Array.isArray(body.contracts)) {
    throw new DxError('BAD_ARGUMENT', 'contracts must be a list', {
      pointer: '/contracts',
      rule: 'type',
      expected: 'array',
    });
  }
  return body.contracts.map((raw, i) => {
    const item = raw as Partial<ContractSource>;
    const where = `/contracts/${i}`;
    const descriptor = item.descriptor as { id?: unknown } | undefined;
    const id = typeof descriptor?.id === 'string' ? descriptor.id : '';
    const problems = checkDescriptor(item.descriptor, `${where}/descriptor`, id);
    if (problems.length > 0) {
      throw new DxError(
        'CONTRACT_INVALID',
        `${where}/descriptor: ${problems.map((p) => `${p.pointer}: ${p.message}`).join('; ')}`,
        {
          pointer: `${where}/descriptor`,
          problems,
        },
      );
    }
    const versions = Array.isArray(item.versions) ? item.versions : [];
    for (const [j, v] of versions.entries()) {
      if (typeof v?.version !== 'string' || !isSemver(v.version) || v.schema === undefined) {
        throw new DxError('VERSION_INVALID', `${where}/versions/${j} needs a semantic version and a schema`, {
          pointer: `${where}/versions/${j}`,
        });
      }
    }
    return {
      descriptor: item.descriptor!,
      versions: [...versions].sort((a, b) => compareSemver(a.version, b.version)),
      transforms: Array.isArray(item.transforms) ? item.transforms : [],
      folder: id,
    };
  });
}
