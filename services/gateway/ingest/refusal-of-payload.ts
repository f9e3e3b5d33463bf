/**
 * PAYLOAD_INVALID for a payload that breaks its schema: the first issues (DX_MAX_ISSUES_LISTED), each
 * with pointer, rule and expected value, and how many there are in all, so that a payload with
 * thousands of unknown properties is answered in a few kilobytes.
 */
import { DxError } from '../../common/errors/dx-error.js';
import type { ValidationIssue } from '../../common/schemas/validation-issue.js';
import type { PublishRequest } from './publish.types.js';

export function refusalOfPayload(
  request: Pick<PublishRequest, 'contract' | 'version'>,
  issues: ValidationIssue[],
  listed: number,
): DxError {
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return new DxError(
    'PAYLOAD_INVALID',
    `the payload does not match ${request.contract} ${request.version}: ${issues[0]!.message}${more}`,
    {
      issues: issues.slice(0, listed),
      issueCount: issues.length,
      issuesListed: Math.min(listed, issues.length),
    },
  );
}
