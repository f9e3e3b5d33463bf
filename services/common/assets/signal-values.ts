/**
 * The values of an asset's signals at an instant (event timeline): each signal's stream state, the
 * number at its field, in the signal's unit (converted from the unit of the event's own version).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { readStateAt } from '../event-store/read-state-at.js';
import type { SchemaLookup } from '../history/samples-of.js';
import { unitAtPointer } from '../history/numeric-fields.js';
import { valueAtPointer } from '../schemas/event-time-pointer.js';
import { conversionBetween } from '../units/ucum.js';
import type { Signal } from './asset.types.js';

export interface SignalValue {
  name: string;
  contract: string;
  key: string;
  field: string;
  tag?: string;
  unit: string | null;
  value: number | null;
  eventTime?: string;
  position?: number;
}

export async function signalValues(
  db: Kysely<DB>,
  schemaOf: SchemaLookup,
  signals: Signal[],
  at = new Date(),
): Promise<SignalValue[]> {
  return Promise.all(
    signals.map(async (signal) => {
      const [event] = await readStateAt(db, {
        contractId: signal.contract,
        key: signal.key,
        at,
        timeline: 'event',
      });
      const base = {
        name: signal.name,
        contract: signal.contract,
        key: signal.key,
        field: signal.field,
        tag: signal.tag,
      };
      const raw = event ? valueAtPointer(event.data, signal.field) : undefined;
      const schema = event && schemaOf(event.contract, event.version);
      const from = schema ? (unitAtPointer(schema, signal.field) ?? null) : null;
      if (!event || typeof raw !== 'number') return { ...base, unit: signal.unit ?? from, value: null };
      let value = raw;
      let unit = from;
      if (signal.unit && from && signal.unit !== from) {
        try {
          value = conversionBetween(from, signal.unit)(raw);
          unit = signal.unit;
        } catch {
          // a unit that does not convert stays the contract's, and says so
        }
      }
      return {
        ...base,
        unit,
        value,
        eventTime: event.eventTime ?? event.recordedAt,
        position: event.position,
      };
    }),
  );
}
