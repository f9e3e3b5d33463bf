import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { reactorReading } from '../../test/support/reactor-reading.js';
import { startTestHub, type TestHub } from '../../test/support/test-hub.js';
import { tokenDigest } from '../common/identity/identity-directory.js';
import { loadConsoleConfig } from './console-config.js';
import { createConsoleApp } from './create-console-app.js';

let hub: TestHub;
let console_: INestApplication;
let base: string;
let gateway: string;

async function call(
  token: string,
  path_: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${base}${path_}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function publish(temperature: number): Promise<number> {
  const response = await fetch(`${gateway}/api/v1/data/scada.reactor-telemetry`, {
    method: 'POST',
    headers: {
      authorization: 'Bearer dev-scada-token',
      'content-type': 'application/json',
      'dx-version': '1.0.0',
      'dx-msg-id': `console-${temperature}`,
    },
    body: JSON.stringify(reactorReading('R101', temperature)),
  });
  const body = (await response.json()) as { ok: boolean; position: number };
  expect(body.ok).toBe(true);
  return body.position;
}

/** Opens a live stream and collects its events until `done` says enough. */
async function follow(
  token: string,
  query: string,
  done: (events: { event: string; data: unknown }[]) => boolean,
  onReady: () => Promise<unknown> = async () => undefined,
): Promise<{ event: string; data: unknown }[]> {
  const abort = new AbortController();
  const response = await fetch(`${base}/console/api/live?${query}`, {
    headers: { authorization: `Bearer ${token}` },
    signal: abort.signal,
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const events: { event: string; data: unknown }[] = [];
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const timer = setTimeout(() => abort.abort(), 15_000);
  try {
    for (;;) {
      const { value, done: ended } = await reader.read();
      if (ended) break;
      buffer += value;
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (!event || data === undefined) continue;
        events.push({ event, data: JSON.parse(data) });
        if (event === 'ready') await onReady();
      }
      if (done(events)) break;
    }
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
  return events;
}

beforeAll(async () => {
  hub = await startTestHub();
  gateway = await hub.gateway.getUrl();
  console_ = await createConsoleApp(hub.config, hub.quiet, {
    ...loadConsoleConfig({}),
    gatewayUrl: gateway,
    registryUrl: 'http://127.0.0.1:9',
    simulationUrl: 'http://127.0.0.1:9',
  });
  await console_.listen(0, '127.0.0.1');
  base = (await console_.getUrl()).replace('[::1]', '127.0.0.1');
  await publish(250.5);
  await publish(251.5);
});

afterAll(async () => {
  await console_?.close();
  await hub?.stop();
});

describe('the console service', () => {
  it("answers a stream's fields over time to its owner and registered consumers, and READ_FORBIDDEN to others", async () => {
    const query =
      '/console/api/history/series?contract=scada.reactor-telemetry&key=R101&fields=/temperature,/quality';
    for (const reader of ['scada', 'simulation', 'architect']) {
      const { status, body } = await call(`dev-${reader}-token`, query);
      expect(status).toBe(200);
      expect(body.values).toEqual([
        [250.5, 251.5],
        ['good', 'good'],
      ]);
    }
    const refused = await call('dev-vr-token', query);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({
      code: 'READ_FORBIDDEN',
      details: { identity: 'vr', owner: 'scada' },
    });
    expect((await call('nobody', query)).status).toBe(401);
  });

  it('streams live events of a contract the reader may read, with no gap after it says ready', async () => {
    let position = 0;
    const events = await follow(
      'dev-simulation-token',
      'data=scada.reactor-telemetry/R101&registry=1',
      (seen) => seen.some((e) => e.event === 'data'),
      async () => (position = await publish(260.25)),
    );
    expect(events[0]).toEqual({
      event: 'ready',
      data: { topics: ['scada.reactor-telemetry/R101'], registry: true },
    });
    const data = events.find((e) => e.event === 'data')!.data as {
      position: number;
      data: { temperature: number };
    };
    expect(data.position).toBe(position);
    expect(data.data.temperature).toBe(260.25);
  });

  it('refuses a live stream of a contract the reader may not read, before sending anything', async () => {
    const { status, body } = await call(
      'dev-vr-token',
      '/console/api/live?data=scada.reactor-telemetry/R101',
    );
    expect(status).toBe(403);
    expect(body.error).toMatchObject({ code: 'READ_FORBIDDEN' });
    const bad = await call('dev-scada-token', '/console/api/live?data=scada.reactor-telemetry/>');
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatchObject({ code: 'BAD_ARGUMENT', details: { field: 'data' } });
  });

  it('lists the development tokens only while the identities file accepts them', async () => {
    const listed = (await (await fetch(`${base}/console/api/sign-in`)).json()) as {
      devTokens: { id: string }[];
    };
    expect(listed.devTokens.map((d) => d.id)).toEqual(
      expect.arrayContaining(['scada', 'vr', 'simulation', 'twin', 'analytics', 'hub', 'architect']),
    );

    const dir = mkdtempSync(path.join(tmpdir(), 'dx-identities-'));
    const file = path.join(dir, 'identities.json');
    writeFileSync(
      file,
      JSON.stringify([{ id: 'architect', role: 'architect', tokenSha256: tokenDigest('a-real-secret') }]),
    );
    const production = await createConsoleApp(
      { ...hub.config, identitiesFile: file },
      hub.quiet,
      loadConsoleConfig({}),
    );
    await production.listen(0, '127.0.0.1');
    try {
      const url = (await production.getUrl()).replace('[::1]', '127.0.0.1');
      expect(await (await fetch(`${url}/console/api/sign-in`)).json()).toEqual({ devTokens: [] });
    } finally {
      await production.close();
    }
  });

  it('leads / to the page and says how to build it when the front end is missing', async () => {
    const home = await fetch(`${base}/`, { redirect: 'manual' });
    expect(home.status).toBe(302);
    expect(home.headers.get('location')).toBe('/console/');
    const app = await createConsoleApp(hub.config, hub.quiet, {
      ...loadConsoleConfig({}),
      webDir: '/nonexistent',
    });
    await app.listen(0, '127.0.0.1');
    try {
      const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
      const page = await fetch(`${url}/console/live`);
      expect(page.status).toBe(503);
      expect(await page.text()).toMatch(/run npm run build/);
    } finally {
      await app.close();
    }
  });

  it('says which service did not answer when a proxied call finds it away', async () => {
    const { status, body } = await call('dev-architect-token', '/console/api/registry/contracts');
    expect(status).toBe(502);
    expect(body.error).toMatchObject({ code: 'SERVICE_UNREACHABLE', details: { service: 'registry' } });
  });
});
