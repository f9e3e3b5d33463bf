/**
 * Walks the hash chain of every stream in scope and reports each event that was edited, deleted or
 * reordered behind the hub's back (an UPDATE or DELETE from psql). The arithmetic runs inside
 * PostgreSQL (chain-checks.ts), a page of streams at a time; this file turns what looks wrong into
 * problems a person can read.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { AuditReport, AuditScope, ChainProblem } from './audit.types.js';
import {
  countScope,
  findHeadDisagreements,
  findSuspectEvents,
  readHeadlessStreams,
  readStreamPage,
  type HeadDisagreement,
  type StreamRef,
  type SuspectEvent,
} from './chain-checks.js';

const STREAMS_PER_PAGE = 500;

export async function verifyChain(
  db: Kysely<DB>,
  scope: AuditScope = {},
  onProblem: (problem: ChainProblem) => void = () => {},
  onProgress: (events: number) => void = () => {},
): Promise<AuditReport> {
  const report: AuditReport = { events: 0, streams: 0, problems: [] };
  const found = (problem: ChainProblem) => {
    report.problems.push(problem);
    onProblem(problem);
  };
  const windowed = scope.from !== undefined || scope.to !== undefined;

  const checkPage = async (streams: StreamRef[], headless: boolean) => {
    const counts = await countScope(db, streams, scope);
    report.events += counts.events;
    report.streams += counts.streams;
    for (const suspect of await findSuspectEvents(db, streams, scope)) {
      const problem = describeSuspect(suspect, windowed);
      if (problem) found(problem);
    }
    if (headless) {
      for (const s of streams) {
        found({
          kind: 'head-mismatch',
          position: null,
          contract: s.contractId,
          key: s.key,
          streamPosition: 0,
          detail: 'the stream head is missing',
        });
      }
    } else if (scope.to === undefined) {
      for (const disagreement of await findHeadDisagreements(db, streams)) {
        // A window that starts later says nothing about streams it holds no event of.
        if (scope.from !== undefined && disagreement.last_stream_position === null) continue;
        found(describeHead(disagreement));
      }
    }
    onProgress(report.events);
  };

  let cursor: StreamRef | null = null;
  for (;;) {
    const page = await readStreamPage(db, scope.contractId, cursor, STREAMS_PER_PAGE);
    if (page.length === 0) break;
    await checkPage(page, false);
    cursor = page[page.length - 1]!;
  }
  const headless = await readHeadlessStreams(db, scope);
  if (headless.length > 0) await checkPage(headless, true);
  return report;
}

function describeSuspect(e: SuspectEvent, windowed: boolean): ChainProblem | null {
  const at = {
    position: e.global_position,
    contract: e.contract_id,
    key: e.key,
    streamPosition: e.stream_position,
  };
  if (e.nth === 1 && e.chain_unknown) {
    return {
      ...at,
      kind: 'deleted',
      detail: windowed
        ? `the event before stream position ${e.stream_position} is missing`
        : `stream positions 1 to ${e.stream_position - 1} are missing`,
    };
  }
  if (e.nth > 1 && e.stream_position !== e.previous_stream_position! + 1) {
    return {
      ...at,
      kind: 'deleted',
      detail: `stream positions ${e.previous_stream_position! + 1} to ${e.stream_position - 1} are missing`,
    };
  }
  if (e.nth > 1 && e.global_position <= e.previous_global_position!) {
    return {
      ...at,
      kind: 'reordered',
      detail: `global position ${e.global_position} is not after ${e.previous_global_position}, the position of stream position ${e.previous_stream_position}`,
    };
  }
  if (e.hash_mismatch) {
    return {
      ...at,
      kind: 'edited',
      detail:
        'the event does not match its hash: its content, position or version was changed, or the event before it was',
    };
  }
  return null;
}

function describeHead(h: HeadDisagreement): ChainProblem {
  const at = { contract: h.contract_id, key: h.key };
  if (h.last_stream_position === null) {
    return {
      ...at,
      kind: 'deleted',
      position: null,
      streamPosition: 1,
      detail: `all ${h.head_position} events of the stream are missing (its head says ${h.head_position})`,
    };
  }
  if (h.last_stream_position < h.head_position) {
    return {
      ...at,
      kind: 'deleted',
      position: null,
      streamPosition: h.last_stream_position + 1,
      detail: `stream positions ${h.last_stream_position + 1} to ${h.head_position} are missing (the head says ${h.head_position})`,
    };
  }
  return {
    ...at,
    kind: 'head-mismatch',
    position: h.last_global_position,
    streamPosition: h.last_stream_position,
    detail: `the head (position ${h.head_position}) does not match the last event of the stream`,
  };
}
