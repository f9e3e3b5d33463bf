/**
 * Reads the few counters the console shows from the gateway's Prometheus text (/metrics): events
 * stored by contract and refusals by code (summed over the contracts they name). prom-client writes
 * one `name{label="value",...} number` line per series; a full exposition parser would buy nothing
 * for two counter families.
 */
export interface IngestCounters {
  /** Events stored, by contract. */
  events: Record<string, number>;
  /** Refused publishes and items, by error code. */
  refusals: Record<string, number>;
}

const LINE = /^(dx_ingest_events_total|dx_ingest_refusals_total)\{([^}]*)\}\s+(\S+)$/;
const LABEL = /(\w+)="((?:[^"\\]|\\.)*)"/g;

export function parseIngestCounters(text: string): IngestCounters {
  const counters: IngestCounters = { events: {}, refusals: {} };
  for (const line of text.split('\n')) {
    const match = LINE.exec(line.trim());
    if (!match) continue;
    const value = Number(match[3]);
    if (!Number.isFinite(value)) continue;
    const labels = Object.fromEntries([...match[2]!.matchAll(LABEL)].map((m) => [m[1], m[2]]));
    const [family, by] =
      match[1] === 'dx_ingest_events_total'
        ? [counters.events, labels.contract]
        : [counters.refusals, labels.code];
    if (by !== undefined) family[by] = (family[by] ?? 0) + value;
  }
  return counters;
}
