/** Which subsystems read which major of a contract: one line per major, the live ones first. */
import type { ContractView } from '../api/types';

export function consumersByMajor(contract: ContractView): Map<number, string[]> {
  const majors = new Map<number, string[]>();
  for (const v of contract.versions) if (!majors.has(v.major)) majors.set(v.major, []);
  for (const { consumer, majors: read } of contract.consumers)
    for (const major of read) majors.set(major, [...(majors.get(major) ?? []), consumer]);
  return new Map([...majors.entries()].sort((a, b) => a[0] - b[0]));
}

export function ConsumersByMajor({ contract }: { contract: ContractView }) {
  const byMajor = consumersByMajor(contract);
  if (byMajor.size === 0) return <span className="muted">no versions yet</span>;
  return (
    <ul className="inline-list">
      {[...byMajor.entries()].map(([major, consumers]) => (
        <li key={major}>
          <span className="major">v{major}</span>{' '}
          {consumers.length === 0 ? <span className="muted">no consumers</span> : consumers.join(', ')}
        </li>
      ))}
    </ul>
  );
}
