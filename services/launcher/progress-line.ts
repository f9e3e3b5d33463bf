/**
 * The demo's quiet progress: one line every few seconds with what the gateway stored and refused,
 * read from its /metrics, instead of the services' JSON logs (those are in the log folder).
 */
export interface Progress {
  stop(): void;
}

const EVERY_MS = 5000;

export function showProgress(gatewayUrl: string, write: (line: string) => void): Progress {
  let last: { events: number; at: number } | undefined;
  const timer = setInterval(() => {
    void fetch(`${gatewayUrl}/metrics`)
      .then((r) => r.text())
      .then((text) => {
        const events = sum(text, 'dx_ingest_events_total');
        const refusals = sum(text, 'dx_ingest_refusals_total');
        const now = Date.now();
        const rate = last ? ((events - last.events) * 1000) / (now - last.at) : 0;
        last = { events, at: now };
        write(`dx: ${Math.round(rate)} events/s, ${events} stored, ${refusals} refused since start`);
      })
      .catch(() => write('dx: the gateway does not answer /metrics'));
  }, EVERY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

function sum(text: string, name: string): number {
  let total = 0;
  for (const line of text.split('\n'))
    if (line.startsWith(name) && !line.startsWith('#'))
      total += Number(line.slice(line.lastIndexOf(' ') + 1)) || 0;
  return total;
}
