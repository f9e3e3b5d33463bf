/**
 * `dx contracts show ID [VERSION]`: a contract (descriptor, versions with who did what and when,
 * consumers per major), or one version's review evidence: diff against the version before it,
 * compatibility report, documentation check, transforms and the consumers affected.
 */
import type { Command } from 'commander';
import type { ContractView, ReviewEvidence } from '../../registry/index.js';
import { parseContractId } from '../parse-options.js';
import { RegistryClient } from '../registry-client.js';
import { reviewLines } from '../review-lines.js';

export function registerContractsShow(contracts: Command): void {
  contracts
    .command('show')
    .description(
      'show a contract, or with VERSION the evidence a reviewer sees: schema diff, compatibility report, documentation check, transforms, consumers affected',
    )
    .argument('<contract>', 'contract id', parseContractId)
    .argument('[version]', 'a version of it')
    .option('--json', 'print the registry answer as JSON')
    .action(async (contract: string, version: string | undefined, options: { json?: boolean }) => {
      const client = new RegistryClient();
      const answer = version
        ? await client.get<ReviewEvidence>(
            `/api/v1/contracts/${contract}/versions/${encodeURIComponent(version)}/review`,
          )
        : await client.get<ContractView>(`/api/v1/contracts/${contract}`);
      if (options.json) console.log(JSON.stringify(answer, null, 2));
      else
        for (const line of version
          ? reviewLines(answer as ReviewEvidence)
          : contractLines(answer as ContractView))
          console.log(line);
    });
}

function contractLines(view: ContractView): string[] {
  const { descriptor } = view;
  return [
    `${descriptor.id}: ${descriptor.title}`,
    `  ${descriptor.description}`,
    `owner: ${descriptor.owner}; key: ${descriptor.key ?? 'none'}; compatibility: ${descriptor.compatibility}; created ${view.createdAt}`,
    ...(view.pendingOwner
      ? [`owner change proposed: ${view.pendingOwner.newOwner} (by ${view.pendingOwner.by})`]
      : []),
    'versions:',
    ...view.versions.flatMap((v) => [
      `  ${v.version}  ${v.status}${v.sunset ? ` (sunset ${v.sunset})` : ''}${v.hasTransforms ? ' (transforms)' : ''}`,
      ...v.history.map((t) => `    ${t.at}  ${t.status} by ${t.by}${t.comment ? `: ${t.comment}` : ''}`),
    ]),
    view.consumers.length
      ? `consumers: ${view.consumers.map((c) => `${c.consumer} (major ${c.majors.join(', ')})`).join('; ')}`
      : 'consumers: none registered',
  ];
}
