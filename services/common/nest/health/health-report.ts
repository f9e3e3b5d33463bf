/** What GET /health answers: one entry per server the gateway depends on. */
export type CheckResult = { ok: true; latencyMs: number } | { ok: false; latencyMs: number; error: string };

export interface HealthReport {
  status: 'ok' | 'unavailable';
  database: CheckResult;
  nats: CheckResult;
  /**
   * The gateway's view of the registry service. Reported, but it does not decide the status: a
   * gateway reads the registry's state from the store and goes on serving while the registry is away.
   */
  registry?: CheckResult;
}
