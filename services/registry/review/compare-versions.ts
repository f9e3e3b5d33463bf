/**
 * Two recorded versions of a contract compared, in either order: the schema diff and every change
 * from `from` to `to` under the contract's mode. The mode binds only within a major, so `enforced`
 * (and a verdict) is given only when both are of the same major.
 */
import { DxError } from '../../common/errors/dx-error.js';
import type { ContractState } from '../../common/registry-state/index.js';
import { requireVersion } from '../lifecycle/registry-errors.js';
import { compatibilityReport } from './compatibility-report.js';
import type { VersionComparison } from './review.types.js';
import { diffSchemas } from './schema-diff.js';

export function compareVersions(contract: ContractState, from: string, to: string): VersionComparison {
  const older = requireVersion(contract, from);
  const newer = requireVersion(contract, to);
  if (older === newer) {
    throw new DxError('BAD_ARGUMENT', `compare two different versions, not ${from} with itself`, {
      field: 'to',
      rule: 'differs from "from"',
      actual: to,
    });
  }
  const sameMajor = older.major === newer.major;
  return {
    contract: contract.descriptor.id,
    diff: {
      from: older.version,
      to: newer.version,
      before: older.schema,
      after: newer.schema,
      entries: diffSchemas(older.schema, newer.schema),
    },
    compatibility: compatibilityReport({
      mode: contract.descriptor.compatibility,
      schema: newer.schema,
      previous: older,
      history: sameMajor ? [older] : [],
    }),
  };
}
