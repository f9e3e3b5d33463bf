import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import type { Json } from '../../test/support/json.js';
import { startTestHub, type TestHub } from '../../test/support/test-hub.js';
import { createSimulationApp } from './create-simulation-app.js';
import { loadSimConfig } from './sim-config.js';

let hub: TestHub;
let first: INestApplication;
let second: INestApplication;

beforeAll(async () => {
  hub = await startTestHub();
  const sim = { ...loadSimConfig({}), workers: 1, queueDepth: 2 };
  first = await createSimulationApp(hub.config, hub.quiet, sim);
  await first.listen(0, '127.0.0.1');
  second = await createSimulationApp(hub.config, hub.quiet, sim);
  await second.listen(0, '127.0.0.1');
});

afterAll(async () => {
  await second?.close();
  await first?.close();
  await hub?.stop();
});

async function call(app: INestApplication, method: 'GET' | 'POST', path: string, body?: unknown) {
  const response = await fetch(`${await app.getUrl()}/api/v1/sim/${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: 'Bearer dev-twin-token' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Json };
}

describe('two instances of the simulation service', () => {
  it('stop and status reach a realtime session on the instance that holds it, whichever is asked', async () => {
    const started = await call(first, 'POST', 'start', {
      id: 'pump-live',
      scenario: {
        scenarioId: 'pump-live',
        mode: 'realtime',
        models: [{ id: 'P101', model: 'pump', instance: 'P101', initialState: { Q: 80, rpm: 3000 } }],
        periodSeconds: 0.1,
      },
    });
    expect(started.status).toBe(200);
    expect(started.body.state).toBe('running');

    const local = await call(second, 'GET', 'status');
    expect(local.body.sessions).toEqual([]);
    const status = await call(second, 'GET', 'status/pump-live');
    expect(status.status).toBe(200);
    expect(status.body.session).toMatchObject({ id: 'pump-live', state: 'running' });

    const stopped = await call(second, 'POST', 'stop/pump-live');
    expect(stopped.status).toBe(200);
    expect(stopped.body).toMatchObject({
      id: 'pump-live',
      stopped: 'session',
      session: { state: 'stopped' },
    });
    const after = await call(first, 'GET', 'status/pump-live');
    expect(after.body.session.state).toBe('stopped');
  });

  it('answers 404 NOT_FOUND when no instance holds the id', async () => {
    const missing = await call(second, 'POST', 'stop/nobody-has-this');
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ code: 'NOT_FOUND', details: { id: 'nobody-has-this' } });
  });
});
