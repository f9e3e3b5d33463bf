/**
 * The hub's API descriptions: the gateway's /docs links every API description of every service, and
 * every link resolves against the running services; the registry and the simulation serve /docs too;
 * and each service's OpenAPI document names exactly the HTTP routes it serves.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { startTestHub, type TestHub } from '../support/test-hub.js';
import { API_DESCRIPTIONS } from '../../services/common/http/api-directory.js';
import { loadConsoleConfig } from '../../services/console/console-config.js';
import { createConsoleApp } from '../../services/console/create-console-app.js';
import { createRegistryApp } from '../../services/registry/create-registry-app.js';
import { loadSimConfig } from '../../services/simulation/sim-config.js';
import { createSimulationApp } from '../../services/simulation/create-simulation-app.js';

let hub: TestHub;
const apps: Record<string, INestApplication> = {};
const urls: Record<string, string> = {};
const saved = { ...process.env };

async function listen(name: string, app: INestApplication): Promise<void> {
  apps[name] = app;
  await app.listen(0, '127.0.0.1');
  urls[name] = (await app.getUrl()).replace('[::1]', '127.0.0.1');
}

beforeAll(async () => {
  hub = await startTestHub();
  const { config, quiet } = hub;
  apps.gateway = hub.gateway;
  urls.gateway = (await hub.gateway.getUrl()).replace('[::1]', '127.0.0.1');
  await listen('registry', await createRegistryApp(config, quiet));
  await listen(
    'simulation',
    await createSimulationApp(config, quiet, { ...loadSimConfig({}), workers: 1, queueDepth: 1 }),
  );
  await listen(
    'console',
    await createConsoleApp(config, quiet, {
      ...loadConsoleConfig({}),
      gatewayUrl: urls.gateway!,
      registryUrl: urls.registry!,
      simulationUrl: urls.simulation!,
    }),
  );
  // Where a deployment publishes its services: what the pages link.
  Object.assign(process.env, {
    DX_GATEWAY_URL: urls.gateway,
    DX_REGISTRY_URL: urls.registry,
    DX_SIM_URL: urls.simulation,
    DX_CONSOLE_URL: `${urls.console}/console/`,
  });
}, 60_000);

afterAll(async () => {
  process.env = saved;
  for (const name of ['console', 'simulation', 'registry']) await apps[name]?.close();
  await hub?.stop();
});

const links = (html: string) =>
  [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));

describe('the API descriptions', () => {
  it('are all linked from the gateway /docs page, and every link answers', async () => {
    const page = await fetch(`${urls.gateway}/docs`);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const hrefs = links(await page.text()).map((href) => (href.startsWith('/') ? urls.gateway + href : href));
    for (const { service, path } of API_DESCRIPTIONS) expect(hrefs).toContain(`${urls[service]}${path}`);
    for (const href of new Set(hrefs)) {
      const response = await fetch(href);
      expect([href, response.status]).toEqual([href, 200]);
      if (href.endsWith('.json')) {
        const document = (await response.json()) as { openapi?: string; asyncapi?: string };
        expect([href, document.openapi ?? document.asyncapi]).toEqual([
          href,
          href.includes('asyncapi') ? '3.0.0' : '3.1.0',
        ]);
      }
    }
  });

  it('are linked the same from the registry and the simulation /docs pages', async () => {
    for (const service of ['registry', 'simulation']) {
      const page = await fetch(`${urls[service]}/docs`);
      expect([service, page.status]).toEqual([service, 200]);
      const hrefs = links(await page.text()).map((href) =>
        href.startsWith('/') ? urls[service] + href : href,
      );
      for (const description of API_DESCRIPTIONS)
        expect(hrefs).toContain(`${urls[description.service]}${description.path}`);
    }
  });

  it("name exactly the HTTP routes each service serves, in each service's OpenAPI document", async () => {
    const documents = {
      gateway: `${urls.gateway}/docs/openapi.json`,
      registry: `${urls.registry}/api/v1/openapi.json`,
      simulation: `${urls.simulation}/docs/openapi.json`,
    };
    for (const [service, url] of Object.entries(documents)) {
      const document = (await (await fetch(url)).json()) as {
        paths: Record<string, Record<string, unknown>>;
      };
      const described = Object.entries(document.paths)
        .flatMap(([path, operations]) =>
          Object.keys(operations).map(
            (method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`,
          ),
        )
        .sort();
      expect([service, described]).toEqual([service, routesOf(apps[service]!)]);
    }
  });
});

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
}

/** The routes express serves for the Nest application (Nest registers every controller route there). */
function routesOf(app: INestApplication): string[] {
  const express = app.getHttpAdapter().getInstance() as { router: { stack: Layer[] } };
  return express.router.stack
    .flatMap((layer) => {
      if (!layer.route) return [];
      const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
      const methods = Object.keys(layer.route.methods).filter((m) => m !== '_all');
      return paths.flatMap((path) => methods.map((method) => `${method.toUpperCase()} ${path}`));
    })
    .sort();
}
