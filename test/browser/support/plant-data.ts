/** Publishes demo plant data through the gateway's HTTP API, as its owners would. */
import { randomUUID } from 'node:crypto';

export async function publish(
  gatewayUrl: string,
  contract: string,
  producer: string,
  version: string,
  payloads: Record<string, unknown>[],
): Promise<{ ok: boolean; results?: { ok: boolean; position?: number }[]; position?: number }> {
  const response = await fetch(`${gatewayUrl}/api/v1/data/${contract}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer dev-${producer}-token`,
      'content-type': 'application/json',
      'dx-version': version,
      'dx-msg-id': randomUUID(),
    },
    body: JSON.stringify(payloads.length === 1 ? payloads[0] : payloads),
  });
  const body = (await response.json()) as { ok: boolean; results?: { ok: boolean; position?: number }[] };
  if (!response.ok || !body.ok) throw new Error(`publishing ${contract} failed: ${JSON.stringify(body)}`);
  return body;
}

/** R101 readings around 251 °C, a slow wave with noise, every tenth sample uncertain and one bad. */
export function reactorReadings(count: number, start = Date.now() - count * 1000): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => ({
    equipment: 'R101',
    tag: 'TI-101',
    temperature: Math.round((251 + 2.5 * Math.sin(i / 40) + 0.4 * Math.sin(i * 1.7)) * 100) / 100,
    pressure: Math.round((7.8 + 0.1 * Math.sin(i / 60)) * 1000) / 1000,
    flowRate: Math.round(420 + 8 * Math.sin(i / 25)),
    quality: i % 97 === 50 ? 'bad' : i % 10 === 3 ? 'uncertain' : 'good',
    sourceTimestamp: new Date(start + i * 1000).toISOString(),
  }));
}

export function forecast(
  equipment: string,
  estimated: number,
  issuedAt = new Date(),
): Record<string, unknown> {
  return {
    equipment,
    estimatedTemperature: estimated,
    temperatureRate: 0.01,
    innovation: 0.1,
    measurementQuality: 'good',
    conversion: 0.42,
    horizon: Array.from({ length: 11 }, (_, i) => ({
      offsetSeconds: i * 60,
      temperature: Math.round((estimated + i * 0.35) * 100) / 100,
      conversion: 0.42 + i * 0.002,
    })),
    issuedAt: issuedAt.toISOString(),
  };
}

export function alarm(
  alarmId: string,
  state: 'active' | 'acknowledged' | 'cleared',
  severity = 'high',
): Record<string, unknown> {
  return {
    alarmId,
    equipment: 'R101',
    tag: 'TAH-101',
    kind: 'high-temperature',
    severity,
    state,
    message: 'R101 bed temperature above 255 °C',
    occurredAt: new Date().toISOString(),
  };
}
