/** What an audit of the hash chain reports. */

export type ProblemKind = 'edited' | 'deleted' | 'reordered' | 'head-mismatch';

export interface ChainProblem {
  kind: ProblemKind;
  /** Global position of the event where the problem shows; null when the event itself is gone. */
  position: number | null;
  contract: string;
  key: string;
  streamPosition: number;
  detail: string;
}

export interface AuditScope {
  contractId?: string;
  /** Events recorded at or after. */
  from?: Date;
  /** Events recorded before. */
  to?: Date;
}

export interface AuditReport {
  events: number;
  streams: number;
  problems: ChainProblem[];
}
