/**
 * Walks from a derived event back to the source events it came from: an event's payload `lineage`
 * names runs of input events (contract, key, global positions, role); each of those may carry a
 * lineage of its own (a health assessment of a simulated result of telemetry), and the walk goes on
 * until it reaches events without one: source data, such as SCADA telemetry. sim.reactor-forecasts
 * 1.0.0, which predates lineage, is followed through its `basedOn` position.
 *
 * What an event is: its payload's `origin` when it says (`simulated`, `derived`), else `source` when it
 * names no inputs. A run of many events (a training window) shows its first `perRun` events; `more`
 * counts the rest. The walk stops at `maxDepth`.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { EventEnvelope } from '../event-store/event-store.types.js';
import { readEventAt, readStreamRange } from './read-lineage-events.js';
import { isJsonObject } from '../schemas/is-json-object.js';

export interface LineageInput {
  role: string;
  contract: string;
  key: string;
  fromPosition: number;
  toPosition: number;
  count: number;
  events: LineageNode[];
  /** Events of the run not shown. */
  more: number;
}

export interface LineageNode {
  position: number;
  contract: string;
  version: string;
  key: string;
  producer: string;
  recordedAt: string;
  origin: string;
  /** What made it, when it says: models, functions, library, scenario. */
  madeBy?: Record<string, unknown>;
  inputs: LineageInput[];
  /** True when the walk stopped here at its depth limit while inputs remained. */
  truncated?: boolean;
}

export interface WalkOptions {
  perRun?: number;
  maxDepth?: number;
}

interface RawInput {
  role?: unknown;
  contract?: unknown;
  key?: unknown;
  fromPosition?: unknown;
  toPosition?: unknown;
  count?: unknown;
}

/** The lineage tree of the event at `position`, or undefined when there is no such event. */
export async function walkLineage(
  db: Kysely<DB>,
  position: number,
  options: WalkOptions = {},
): Promise<LineageNode | undefined> {
  const event = await readEventAt(db, position);
  return event && node(db, event, options.perRun ?? 3, options.maxDepth ?? 8, 0);
}

async function node(
  db: Kysely<DB>,
  event: EventEnvelope,
  perRun: number,
  maxDepth: number,
  depth: number,
): Promise<LineageNode> {
  const data = event.data;
  const lineage = isJsonObject(data.lineage) ? data.lineage : undefined;
  const raw = inputsOf(event);
  const origin = typeof data.origin === 'string' ? data.origin : raw.length > 0 ? 'derived' : 'source';
  const out: LineageNode = {
    position: event.position,
    contract: event.contract,
    version: event.version,
    key: event.key,
    producer: event.producer,
    recordedAt: event.recordedAt,
    origin,
    inputs: [],
  };
  if (lineage) {
    const { inputs: _inputs, ...madeBy } = lineage;
    out.madeBy = madeBy;
  }
  if (raw.length > 0 && depth >= maxDepth) {
    out.truncated = true;
    return out;
  }
  for (const input of raw) {
    const events = await readStreamRange(
      db,
      input.contract,
      input.key,
      input.fromPosition,
      input.toPosition,
      perRun,
    );
    const children = [];
    for (const child of events) children.push(await node(db, child, perRun, maxDepth, depth + 1));
    out.inputs.push({ ...input, events: children, more: Math.max(0, input.count - children.length) });
  }
  return out;
}

function inputsOf(event: EventEnvelope): Omit<LineageInput, 'events' | 'more'>[] {
  const data = event.data;
  const lineage = isJsonObject(data.lineage) ? data.lineage : undefined;
  if (lineage && Array.isArray(lineage.inputs)) {
    return (lineage.inputs as RawInput[]).filter(isInput).map((i) => ({
      role: String(i.role ?? 'input'),
      contract: i.contract as string,
      key: i.key as string,
      fromPosition: i.fromPosition as number,
      toPosition: i.toPosition as number,
      count: typeof i.count === 'number' ? i.count : 1,
    }));
  }
  // sim.reactor-forecasts 1.0.0 named only the telemetry it was based on.
  if (event.contract === 'sim.reactor-forecasts' && Number.isSafeInteger(data.basedOn)) {
    const at = data.basedOn as number;
    return [
      {
        role: 'telemetry',
        contract: 'scada.reactor-telemetry',
        key: event.key,
        fromPosition: at,
        toPosition: at,
        count: 1,
      },
    ];
  }
  return [];
}

function isInput(i: RawInput): boolean {
  return (
    typeof i.contract === 'string' &&
    typeof i.key === 'string' &&
    Number.isSafeInteger(i.fromPosition) &&
    Number.isSafeInteger(i.toPosition)
  );
}
