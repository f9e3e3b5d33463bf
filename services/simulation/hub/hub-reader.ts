/**
 * Reads the hub's latest values (dx.cache.get.<identity>) for live inputs, initial conditions and twin
 * telemetry, as the simulation subsystem: the hub answers only about contracts it may read (those it
 * owns or is registered to consume).
 */
import type { NatsConnection } from '@nats-io/transport-node';
import { DxError } from '../../common/errors/dx-error.js';
import { SIMULATION_IDENTITY } from '../../common/identity/identity.types.js';
import { SUBJECTS } from '../../common/nats/subjects.js';
import type { HubValue } from '../scenarios/sim-request.js';
import { pointerTokens } from '../../common/schemas/pointer-tokens.js';

export interface LatestEvent {
  position: number;
  data: Record<string, unknown>;
}

export interface HubReader {
  /** The latest event of a contract for a key, or undefined when the hub has none. */
  latest(contract: string, key: string): Promise<LatestEvent | undefined>;
}

export class NatsHubReader implements HubReader {
  constructor(
    private readonly nats: NatsConnection,
    /** Who reads: the simulation subsystem. */
    private readonly identity: string = SIMULATION_IDENTITY,
    private readonly timeoutMs = 5000,
  ) {}

  async latest(contract: string, key: string): Promise<LatestEvent | undefined> {
    const reply = (
      await this.nats.request(SUBJECTS.cacheGet(this.identity), JSON.stringify({ contract, key }), {
        timeout: this.timeoutMs,
      })
    ).json<{
      ok: boolean;
      event?: LatestEvent;
      error?: { code: string; message?: string };
    }>();
    if (reply.ok && reply.event) return reply.event;
    if (reply.error?.code === 'NOT_FOUND') return undefined;
    const why = reply.error?.message ? `: ${reply.error.message}` : '';
    throw new DxError('SIM_FAILED', `the hub could not give the latest ${contract} for ${key}${why}`, {
      cause: reply.error?.code,
    });
  }
}

/** Where a value read from the hub came from: its event. */
export interface ReadFrom {
  contract: string;
  key: string;
  position: number;
}

/** Numbers read from the hub, by name ("R101.T_j"); every value missing or not a number is a problem. */
export async function readHubValues(
  reader: HubReader,
  values: Record<string, HubValue>,
  at: string,
): Promise<{ values: Record<string, number>; newest: number; from: ReadFrom[] }> {
  const out: Record<string, number> = {};
  const from: ReadFrom[] = [];
  const missing: { path: string; code: string; message: string }[] = [];
  let newest = 0;
  await Promise.all(
    Object.entries(values).map(async ([name, where]) => {
      const event = await reader.latest(where.contract, where.key);
      const value = event ? atPointer(event.data, where.pointer) : undefined;
      if (typeof value !== 'number') {
        missing.push({
          path: `${at}/${name}`,
          code: 'NO_VALUE',
          message: event
            ? `${where.contract} ${where.key} has no number at ${where.pointer}`
            : `the hub holds no ${where.contract} for ${where.key}`,
        });
        return;
      }
      out[name] = value;
      from.push({ contract: where.contract, key: where.key, position: event!.position });
      newest = Math.max(newest, event!.position);
    }),
  );
  if (missing.length > 0) {
    throw new DxError(
      'SCENARIO_INVALID',
      `${missing.length} value(s) could not be read from the hub; nothing was started`,
      { problems: missing },
    );
  }
  return { values: out, newest, from };
}

function atPointer(data: unknown, pointer: string): unknown {
  if (pointer === '') return data;
  let here: unknown = data;
  for (const token of pointerTokens(pointer)) {
    if (typeof here !== 'object' || here === null) return undefined;
    here = (here as Record<string, unknown>)[token];
  }
  return here;
}
