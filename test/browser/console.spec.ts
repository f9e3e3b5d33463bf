/**
 * The console in a real Chromium against the whole hub started as processes (fresh database, private
 * nats-server): sign-in, review and approval seen live, live telemetry, audit replay and checks,
 * simulation sessions. Every page is screenshotted (test/browser/artifacts/) and checked with axe;
 * no console error and no failed request may happen along the way.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { seriousViolations } from './support/accessibility.js';
import { screenshot } from './support/artifacts.js';
import { openBrowser, type TestBrowser } from './support/browser.js';
import { startConsoleHub, type ConsoleHub } from './support/console-hub.js';
import { alarm, forecast, publish, reactorReadings } from './support/plant-data.js';

let hub: ConsoleHub;
let chrome: TestBrowser;
let page: Page;

/** Proposes scada.pump-telemetry 1.1.0 (adds an optional bearing temperature) as its owner. */
async function proposePumpVersion(): Promise<void> {
  const schema = (await (
    await fetch(`${hub.registryUrl}/api/v1/contracts/scada.pump-telemetry/versions/1.0.0/schema`)
  ).json()) as Record<string, unknown> & { properties: Record<string, unknown> };
  schema.$id = 'urn:dx:contract:scada.pump-telemetry:1.1.0';
  schema.properties.bearingTemperature = {
    type: 'number',
    description: 'Temperature of the drive-end bearing.',
    'x-unit': 'Cel',
    minimum: -50,
    maximum: 200,
  };
  const response = await fetch(`${hub.registryUrl}/api/v1/contracts/scada.pump-telemetry/versions`, {
    method: 'POST',
    headers: { authorization: 'Bearer dev-scada-token', 'content-type': 'application/json' },
    body: JSON.stringify({ version: '1.1.0', schema, comment: 'adds the bearing temperature' }),
  });
  expect(response.status).toBeLessThan(300);
}

async function signIn(target: Page, identity: string): Promise<void> {
  await target.goto(`${hub.consoleUrl}/console/`);
  await target.getByRole('button', { name: new RegExp(`^${identity} `) }).click();
  await target.getByRole('navigation', { name: 'Pages' }).waitFor();
}

/** A time as a datetime-local input with seconds takes it. */
function localSecond(date: Date): string {
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 19);
}

async function expectAccessible(name: string): Promise<void> {
  await screenshot(page, name);
  expect(await seriousViolations(page)).toEqual([]);
}

beforeAll(async () => {
  hub = await startConsoleHub();
  await publish(hub.gatewayUrl, 'scada.reactor-telemetry', 'scada', '1.1.0', reactorReadings(300));
  await publish(hub.gatewayUrl, 'sim.reactor-forecasts', 'simulation', '1.0.0', [forecast('R101', 251.2)]);
  await publish(hub.gatewayUrl, 'scada.alarms', 'scada', '1.0.0', [
    alarm('A-1', 'active', 'critical'),
    alarm('A-2', 'active'),
    alarm('A-2', 'cleared'),
  ]);
  await proposePumpVersion();
  chrome = await openBrowser();
  page = chrome.page;
}, 180_000);

afterAll(async () => {
  await chrome?.close();
  await hub?.stop();
});

afterEach(() => {
  // Whatever a test did, the pages said nothing in red and every request they made was answered.
  expect(chrome.problems.splice(0)).toEqual([]);
});

describe('the console', () => {
  it('lists the development tokens on the sign-in page, says they are for development only, and signs in with one', async () => {
    await page.goto(`${hub.gatewayUrl}/`);
    // The gateway's front door leads to the console.
    await page.waitForURL(`${hub.consoleUrl}/console/`);
    await page.getByText('they are for development only', { exact: false }).waitFor();
    await expectAccessible('sign-in');
    await signIn(page, 'scada');
    await page.getByRole('link', { name: 'scada.reactor-telemetry' }).waitFor();
    await expectAccessible('registry');
  });

  it("shows a subsystem a proposal's evidence but no approve or reject", async () => {
    await page.getByRole('link', { name: 'Review' }).click();
    await page.getByRole('link', { name: /scada\.pump-telemetry 1\.1\.0/ }).click();
    await page.getByTestId('compatibility-report').waitFor();
    await page.getByText('Only architects approve or reject proposals.').waitFor();
    expect(await page.getByRole('button', { name: /Approve/ }).count()).toBe(0);
    await page.getByRole('button', { name: 'Sign out' }).click();
  });

  it("lets an architect see a proposal's diff and report, approve it, and every open console sees it at once", async () => {
    await signIn(page, 'architect');
    // A second console, on the contract's registry page, must see the decision without reloading.
    const other = await chrome.browser.newPage();
    try {
      await decideWhileAnotherConsoleWatches(other);
    } finally {
      await other.close();
      await page.bringToFront();
    }
  });

  async function decideWhileAnotherConsoleWatches(other: Page): Promise<void> {
    await signIn(other, 'architect');
    await other.goto(`${hub.consoleUrl}/console/registry/scada.pump-telemetry`);
    await other.locator('tr', { hasText: '1.1.0' }).getByText('proposed', { exact: true }).waitFor();
    await other.evaluate(() => ((globalThis as unknown as { unreloaded: boolean }).unreloaded = true));

    await page.getByRole('link', { name: 'Review' }).click();
    await page.getByRole('link', { name: /scada\.pump-telemetry 1\.1\.0/ }).click();
    const diff = page.getByTestId('schema-diff');
    await diff.waitFor();
    await expect(diff.textContent()).resolves.toContain('bearingTemperature');
    await expect(page.getByTestId('compatibility-report').textContent()).resolves.toMatch(
      /Compatible under BACKWARD against 1\.0\.0/,
    );
    await expect(page.getByTestId('documentation-check').textContent()).resolves.toContain(
      'Documentation complete',
    );
    await expect(page.getByTestId('version-status').textContent()).resolves.toBe('proposed');
    await expectAccessible('review');

    await page.evaluate(() => ((globalThis as unknown as { unreloaded: boolean }).unreloaded = true));
    await page.getByLabel(/Comment/).fill('bearing temperature documented; optional, so compatible');
    await page.getByRole('button', { name: 'Approve 1.1.0' }).click();
    await page.getByTestId('version-status').getByText('active').waitFor();
    await screenshot(page, 'review-approved');
    await other.locator('tr', { hasText: '1.1.0' }).getByText('active', { exact: true }).waitFor();
    await screenshot(other, 'registry-contract-after-approval');
    for (const console of [page, other])
      expect(
        await console.evaluate(() => (globalThis as unknown as { unreloaded?: boolean }).unreloaded),
      ).toBe(true);
  }

  it('plots telemetry as it is published and shows its latest values', async () => {
    await page.goto(`${hub.consoleUrl}/console/live?contract=scada.reactor-telemetry&key=R101`);
    await page.locator('[data-chart="reactor-twin"] canvas').waitFor();
    const points = page.getByTestId('point-count');
    await points.waitFor();
    const before = Number((await points.textContent())!.replace(/\D/g, ''));
    await page.locator('.alarm', { hasText: 'A-1' }).waitFor();
    expect(await page.locator('.alarm', { hasText: 'A-2' }).count()).toBe(0);

    const reading = { ...reactorReadings(1)[0]!, temperature: 262.5, quality: 'bad' };
    await publish(hub.gatewayUrl, 'scada.reactor-telemetry', 'scada', '1.1.0', [reading]);
    await page.locator('td[data-field="temperature"]', { hasText: '262.5' }).waitFor();
    await points.filter({ hasText: `${before + 1} points` }).waitFor();
    await expectAccessible('live');
  });

  it('shows where a forecast came from, back to the reading it was made from', async () => {
    const reading = await publish(hub.gatewayUrl, 'scada.reactor-telemetry', 'scada', '1.1.0', [
      { ...reactorReadings(1)[0]!, temperature: 251.7 },
    ]);
    const at = reading.position!;
    await publish(hub.gatewayUrl, 'sim.reactor-forecasts', 'simulation', '1.1.0', [
      {
        ...forecast('R101', 251.9),
        basedOn: at,
        origin: 'simulated',
        lineage: {
          inputs: [
            {
              contract: 'scada.reactor-telemetry',
              key: 'R101',
              role: 'telemetry',
              fromPosition: at,
              toPosition: at,
              count: 1,
            },
          ],
          models: [{ instance: 'R101', model: 'reactor', version: '1.1.0' }],
          functions: [{ id: 'rk4.rk4_step', version: '1.0.0' }],
          library: '1.4.0',
          scenario: { hash: 'a'.repeat(64) },
        },
      },
    ]);
    await page.goto(`${hub.consoleUrl}/console/live?contract=sim.reactor-forecasts&key=R101`);
    await page.getByRole('button', { name: 'Where it came from' }).click();
    const tree = page.getByRole('list', { name: /^Lineage of event \d+$/ });
    await tree.getByText('simulated (computed by a model)').waitFor();
    await tree
      .getByText('made by models R101=reactor 1.1.0; functions rk4.rk4_step 1.0.0; library 1.4.0')
      .waitFor();
    const source = tree.locator('li[data-origin="source"]');
    await source.waitFor();
    expect(await source.textContent()).toContain(`#${at} scada.reactor-telemetry 1.1.0 R101`);
    expect(await source.textContent()).toContain('measurement');
    await expectAccessible('lineage');
  });

  it('replays the stored events at a chosen speed, shows the state as of an instant and verifies the chain', async () => {
    await page.getByRole('link', { name: 'Audit' }).click();
    await page.getByRole('button', { name: 'Load events' }).click();
    const clock = page.getByTestId('replay-clock');
    await clock.waitFor();
    const total = Number(/of (\d+)/.exec((await clock.textContent()) ?? '')![1]);
    expect(total).toBeGreaterThanOrEqual(301);
    await page.getByLabel('Replay position').fill('0');
    await page.getByLabel('Speed').selectOption({ label: 'as fast as possible' });
    await page.getByRole('button', { name: 'Play' }).click();
    await clock.filter({ hasText: `event ${total} of ${total}` }).waitFor();

    await page.getByLabel('At', { exact: true }).fill(localSecond(new Date(Date.now() + 60_000)));
    await page.getByRole('button', { name: 'Show state' }).click();
    await page.getByTestId('as-of').getByText('scada.reactor-telemetry / R101').waitFor();

    await page.getByRole('button', { name: 'Verify hash chain' }).click();
    await expect(page.getByTestId('chain-result').textContent()).resolves.toMatch(
      /^Intact\. Checked \d+ events in 1 streams/,
    );
    await page.getByRole('button', { name: 'Check anchors' }).click();
    await page.getByTestId('anchor-result').waitFor();
    await expectAccessible('audit');
  });

  it('links each problem the chain check finds to its event', async () => {
    const { rows } = await sql<{ global_position: string }>`
      UPDATE dx.events SET payload = '{"equipment":"R101","temperature":1}'
      WHERE contract_id = 'scada.reactor-telemetry' AND key = 'R101' AND stream_position = 7
      RETURNING global_position`.execute(hub.database.db);
    const position = Number(rows[0]!.global_position);
    await page.getByRole('button', { name: 'Verify hash chain' }).click();
    await page.getByTestId('chain-result').getByText('1 problem.').waitFor();
    await page.getByRole('button', { name: `position ${position}` }).click();
    await expect(page.getByTestId('event-detail').textContent()).resolves.toContain('"temperature": 1');
    await screenshot(page, 'audit-problem');
  });

  it('starts a scenario, shows its session running with its ticks, and stops it', async () => {
    await page.getByRole('link', { name: 'Simulation' }).click();
    await page.getByLabel('Scenario', { exact: true }).selectOption({ label: 'Pump P101, realtime' });
    await page.getByRole('button', { name: 'Start scenario' }).click();
    const row = page.locator('tr[data-session="pump-p101"]');
    await row.getByText('running').waitFor();
    await row.locator('td[data-ticks]:not([data-ticks="0"])').waitFor();
    await expectAccessible('simulation');
    await page.getByRole('button', { name: 'Stop pump-p101' }).click();
    await row.getByText('stopped').waitFor();
  });

  it('shows the services up, the ingest counters and the latest refusal with its payload', async () => {
    await fetch(`${hub.gatewayUrl}/api/v1/data/scada.reactor-telemetry`, {
      method: 'POST',
      headers: {
        authorization: 'Bearer dev-scada-token',
        'content-type': 'application/json',
        'dx-version': '1.1.0',
        'dx-msg-id': 'refused-1',
      },
      body: JSON.stringify({ equipment: 'R101', temperature: 'hot' }),
    });
    await page.getByRole('link', { name: 'Health' }).click();
    for (const service of ['gateway', 'registry', 'simulation', 'console'])
      await page.locator(`[data-service="${service}"]`).getByText('up').waitFor();
    await page.locator('table', { hasText: 'Refused, by code' }).getByText('PAYLOAD_INVALID').waitFor();
    const refusal = page.locator('.refusal', { hasText: 'PAYLOAD_INVALID' }).first();
    await refusal.getByText('Payload and details').click();
    await expect(refusal.locator('.payload').textContent()).resolves.toContain('"temperature": "hot"');
    await expectAccessible('health');
  });

  it("shows the plant's asset tree, an asset's design data and signals with their values, and a signal's last hour", async () => {
    const updatedAt = new Date().toISOString();
    await publish(hub.gatewayUrl, 'hub.assets', 'hub', '1.0.0', [
      {
        id: 'DXCHEM',
        level: 'enterprise',
        type: 'enterprise',
        name: 'DX Chemicals',
        parent: null,
        signals: [],
        updatedAt,
      },
    ]);
    await publish(hub.gatewayUrl, 'hub.assets', 'hub', '1.0.0', [
      {
        id: 'R101',
        level: 'equipment',
        type: 'reactor',
        name: 'Methanol synthesis reactor',
        parent: 'DXCHEM',
        design: { volume: { value: 12.5, unit: 'm3' } },
        signals: [
          { name: 'temperature', contract: 'scada.reactor-telemetry', key: 'R101', field: '/temperature' },
        ],
        updatedAt,
      },
    ]);
    await page.getByRole('link', { name: 'Plant', exact: true }).click();
    await page.locator('[data-asset="DXCHEM"]').waitFor();
    await page.locator('[data-asset="R101"]').click();
    await page.locator('tr[data-design="volume"]', { hasText: '12.5 m3' }).waitFor();
    // The reading published last: the live page's test sent 262.5, the lineage test 251.7.
    await page.locator('tr[data-signal="temperature"] td.number', { hasText: /\d+(\.\d+)? Cel/ }).waitFor();
    await page.locator('[data-chart="asset-R101-temperature"] canvas').waitFor();
    // The caption says "loading" until the hour has come; then it counts the minutes that had samples.
    await page
      .locator('figure.signal-chart figcaption', { hasText: /[1-9]\d* minutes with samples/ })
      .waitFor();
    await expectAccessible('plant');
  });

  it('can be used with the keyboard alone', async () => {
    const focused = () =>
      page.evaluate(
        () =>
          (
            globalThis as unknown as { document: { activeElement: { textContent: string } | null } }
          ).document.activeElement?.textContent?.trim() ?? '',
      );
    // Through the page's own link: a new document would cut the health page's poll short.
    await page.getByRole('link', { name: 'Registry', exact: true }).click();
    await page.getByRole('link', { name: 'scada.alarms' }).waitFor();
    await page.reload();
    await page.getByRole('link', { name: 'scada.alarms' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Skip to the page');
    for (let i = 0; i < 12 && (await focused()) !== 'Live'; i++) await page.keyboard.press('Tab');
    expect(await focused()).toBe('Live');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/console\/live/);
    await page.getByRole('heading', { name: 'Latest values' }).waitFor();
  });

  it('renders the AsyncAPI and OpenAPI documents as pages', async () => {
    await page.getByRole('link', { name: 'Registry', exact: true }).click();
    await page.getByRole('link', { name: 'AsyncAPI' }).click();
    await page.getByRole('heading', { name: 'dx.publish.scada.reactor-telemetry' }).waitFor();
    await expectAccessible('asyncapi');
    await page.goto(`${hub.consoleUrl}/console/registry/scada.reactor-telemetry`);
    const fields = page.locator('table.fields tbody th code');
    await fields.first().waitFor();
    // In the order the contract's schema file lists them, with units and bounds.
    expect((await fields.allTextContents()).slice(0, 4)).toEqual([
      'equipment',
      'tag',
      'temperature',
      'pressure',
    ]);
    await page
      .locator('table.fields tr', { hasText: 'pressure' })
      .first()
      .getByText('bar', { exact: true })
      .waitFor();
    await page.goto(`${hub.consoleUrl}/console/docs/openapi`);
    await page.getByRole('heading', { name: /POST \/api\/v1\/data\/\{contract\}/ }).waitFor();
    await expectAccessible('openapi');
    await page.getByRole('link', { name: 'Registry', exact: true }).last().click();
    await page
      .getByRole('heading', { name: /GET \/api\/v1\/contracts\/\{id\}\/versions\/\{version\}\/review/ })
      .waitFor();
  });
});
