/**
 * The inputs that used to crash or stall a gateway (issue 8), sent over NATS and HTTP while the load
 * runs. Each must be answered with a refusal; none may take a gateway down.
 */
import { connect, headers as natsHeaders } from '@nats-io/transport-node';
import { reactorReading } from '../../support/reactor-reading.js';
import { CONTRACT } from './load.js';

interface Answer {
  ok?: boolean;
  error?: { code: string };
  results?: { ok: boolean; error?: { code: string } }[];
}

/** Whether an answer refuses the whole input (a refusal, or every item of a batch refused). */
function refusesAll(answer: Answer): boolean {
  if (answer.ok === false) return true;
  return Array.isArray(answer.results) && answer.results.every((r) => r.ok === false);
}

function wideOpen(): string {
  const payload: Record<string, unknown> = { ...reactorReading('R901', 250) };
  for (let i = 0; i < 8500; i++) payload[`p${i}`] = 1;
  return JSON.stringify(payload);
}

const NATS_POISON: { name: string; body: () => string | Uint8Array; key?: string }[] = [
  {
    name: '2,000 empty objects with a dx-key',
    body: () => JSON.stringify(Array.from({ length: 2000 }, () => ({}))),
    key: 'R901',
  },
  {
    name: '10,000 empty objects',
    body: () => JSON.stringify(Array.from({ length: 10_000 }, () => ({}))),
    key: 'R901',
  },
  { name: '10,001 items', body: () => JSON.stringify(Array.from({ length: 10_001 }, () => 1)) },
  { name: '8,500 unknown properties', body: wideOpen },
  { name: 'a 100,000-deep array', body: () => '['.repeat(100_000) + ']'.repeat(100_000) },
  { name: 'a raw NUL byte', body: () => Buffer.from('{"equipment":"R901\0"}') },
  { name: 'a NUL in dx-key', body: () => JSON.stringify(reactorReading('R901', 250)), key: 'R9\u000001' },
  { name: 'invalid UTF-8', body: () => Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]) },
  { name: 'an array of non-objects', body: () => JSON.stringify([1, 'two', null, []]) },
];

/** Sends every poison input `rounds` times; resolves with how many were refused, throws on any other answer. */
export async function sendPoison(natsUrl: string, gatewayUrl: string, rounds: number): Promise<number> {
  const nats = await connect({ servers: natsUrl });
  let refused = 0;
  try {
    for (let round = 0; round < rounds; round++) {
      for (const poison of NATS_POISON) {
        const h = natsHeaders();
        h.set('dx-producer', 'scada');
        h.set('dx-version', '1.0.0');
        h.set('dx-msg-id', `poison-${round}-${poison.name}`);
        if (poison.key !== undefined) h.set('dx-key', poison.key);
        const reply = await nats.request(`dx.publish.${CONTRACT}`, poison.body(), {
          timeout: 30_000,
          headers: h,
        });
        const answer = reply.json<Answer>();
        if (!refusesAll(answer))
          throw new Error(`${poison.name} was not refused: ${reply.string().slice(0, 300)}`);
        refused++;
      }
      for (const [name, init] of httpPoison(round)) {
        const response = await fetch(`${gatewayUrl}/api/v1/data/${CONTRACT}`, { method: 'POST', ...init });
        const answer = (await response.json()) as Answer;
        if (response.status < 400 || !refusesAll(answer))
          throw new Error(
            `${name} over HTTP was not refused: ${response.status} ${JSON.stringify(answer).slice(0, 300)}`,
          );
        refused++;
      }
    }
  } finally {
    await nats.close();
  }
  return refused;
}

function httpPoison(round: number): [string, RequestInit][] {
  const headers = { authorization: 'Bearer dev-scada-token', 'dx-version': '1.0.0' };
  return [
    [
      'a 10 MB body',
      {
        headers: { ...headers, 'content-type': 'application/json', 'dx-msg-id': `p-big-${round}` },
        body: `"${'x'.repeat(10 * 1024 * 1024)}"`,
      },
    ],
    [
      'a form body',
      {
        headers: {
          ...headers,
          'content-type': 'application/x-www-form-urlencoded',
          'dx-msg-id': `p-form-${round}`,
        },
        body: 'a=1',
      },
    ],
    [
      'no token',
      {
        headers: {
          'content-type': 'application/json',
          'dx-version': '1.0.0',
          'dx-msg-id': `p-anon-${round}`,
        },
        body: '{}',
      },
    ],
    [
      '100,000 empty objects',
      {
        headers: { ...headers, 'content-type': 'application/json', 'dx-msg-id': `p-many-${round}` },
        body: JSON.stringify(Array.from({ length: 100_000 }, () => ({}))),
      },
    ],
  ];
}
