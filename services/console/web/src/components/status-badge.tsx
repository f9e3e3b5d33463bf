/** A version's lifecycle status as a coloured word (the word carries the meaning, not the colour). */
import type { VersionStatus } from '../api/types';

export function StatusBadge({ status }: { status: VersionStatus | string }) {
  return <span className={`badge status-${status}`}>{status}</span>;
}
