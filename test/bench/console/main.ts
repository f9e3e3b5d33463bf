/**
 * npm run bench:console: how long the console takes to show a chart, in Debian's Chromium against the
 * whole hub started as processes (fresh database, private nats-server). Two figures, each the median of
 * a few cold page loads (a new tab each time):
 *   - the live page of R101: from navigation to the first draw of its charts (the newest 2,000 points);
 *   - a 100,000-point history chart: the same page showing the last 24 hours of a stream of 100,000
 *     events, from navigation to the first draw.
 * Beside them, measured in the same run: fetching those 100,000 points from the console's API (the
 * data's own floor), and uPlot alone drawing 100,000 points in an empty page of the same browser (the
 * chart's own floor). Last line: one JSON object. docs/benchmarks.md explains it.
 */
import { createRequire } from 'node:module';
import { chromium, type BrowserContext } from 'playwright-core';
import { CHROMIUM } from '../../browser/support/browser.js';
import { startConsoleHub, type ConsoleHub } from '../../browser/support/console-hub.js';
import { forecast, publish, reactorReadings } from '../../browser/support/plant-data.js';
import { withAdmin } from '../../support/test-database.js';

const EVENTS = Number(process.env.BENCH_CONSOLE_EVENTS ?? 100_000);
const RUNS = Number(process.env.BENCH_CONSOLE_RUNS ?? 5);
const BATCH = 1000;
const TOKEN = 'dev-architect-token';
const UPLOT = createRequire(import.meta.url).resolve('uplot/dist/uPlot.iife.min.js');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Milliseconds from navigation to the first draw of the named charts, in a new tab. */
async function firstRender(context: BrowserContext, url: string, charts: string[]): Promise<number> {
  const page = await context.newPage();
  try {
    await page.goto(url);
    await page.waitForFunction(
      (names) => names.every((n) => performance.getEntriesByName(`dx-chart:${n}`).length > 0),
      charts,
      { timeout: 120_000 },
    );
    return await page.evaluate(
      (names) => Math.max(...names.map((n) => performance.getEntriesByName(`dx-chart:${n}`)[0]!.startTime)),
      charts,
    );
  } finally {
    await page.close();
  }
}

/** uPlot alone: 100,000 points drawn in an empty page, from the call to the end of the first draw. */
async function rawUplot(context: BrowserContext, points: number): Promise<number> {
  const page = await context.newPage();
  try {
    await page.setContent(
      '<!doctype html><html><body><div id="chart" style="width:900px"></div></body></html>',
    );
    await page.addScriptTag({ path: UPLOT });
    return await page.evaluate((n) => {
      const x = new Float64Array(n);
      const y = new Float64Array(n);
      const start = Date.now() / 1000 - n;
      for (let i = 0; i < n; i++) {
        x[i] = start + i;
        y[i] = 251 + 2.5 * Math.sin(i / 40);
      }
      const uPlot = (globalThis as unknown as { uPlot: new (o: unknown, d: unknown, e: unknown) => unknown })
        .uPlot;
      const element = (
        globalThis as unknown as { document: { getElementById(id: string): unknown } }
      ).document.getElementById('chart');
      const started = performance.now();
      new uPlot(
        { width: 900, height: 320, series: [{}, { stroke: 'blue' }], scales: { x: { time: true } } },
        [Array.from(x), Array.from(y)],
        element,
      );
      return performance.now() - started;
    }, points);
  } finally {
    await page.close();
  }
}

async function main(): Promise<void> {
  const server = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  server.pathname = '/postgres';
  process.env.DX_TEST_SERVER_URL = server.toString();
  process.env.DX_TEST_TEMPLATE = `dx_test_template_bench_console_${process.pid}`;
  let hub: ConsoleHub | undefined;
  let context: BrowserContext | undefined;
  try {
    hub = await startConsoleHub();
    const started = performance.now();
    const readings = reactorReadings(EVENTS);
    for (let i = 0; i < readings.length; i += BATCH)
      await publish(
        hub.gatewayUrl,
        'scada.reactor-telemetry',
        'scada',
        '1.1.0',
        readings.slice(i, i + BATCH),
      );
    await publish(hub.gatewayUrl, 'sim.reactor-forecasts', 'simulation', '1.0.0', [forecast('R101', 251)]);
    const seeded = (performance.now() - started) / 1000;
    console.log(`seeded ${EVENTS.toLocaleString()} R101 readings in ${seeded.toFixed(1)} s`);

    const fetches: number[] = [];
    const seriesUrl =
      `${hub.consoleUrl}/console/api/history/series?contract=scada.reactor-telemetry&key=R101` +
      `&fields=/flowRate,/pressure,/temperature,/quality&newest=1&from=${new Date(Date.now() - 86_400_000).toISOString()}`;
    let points = 0;
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      const body = (await (
        await fetch(seriesUrl, { headers: { authorization: `Bearer ${TOKEN}` } })
      ).json()) as {
        time: number[];
      };
      fetches.push(performance.now() - t);
      points = body.time.length;
    }

    context = await chromium.launchPersistentContext('', {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1366, height: 860 },
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-gpu',
        '--no-first-run',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    await context.addInitScript((token) => {
      // Runs in the page: signed in as the sign-in page would leave it.
      (
        globalThis as unknown as { sessionStorage: { setItem(k: string, v: string): void } }
      ).sessionStorage.setItem('dx-console-token', token);
    }, TOKEN);
    const live = `${hub.consoleUrl}/console/live?contract=scada.reactor-telemetry&key=R101`;
    const history = `${live}&window=24h`;
    // One untimed load of each, so the browser's caches are as an operator's would be.
    await firstRender(context, live, ['reactor-twin', 'stream']);
    const liveRuns: number[] = [];
    const historyRuns: number[] = [];
    const rawRuns: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      liveRuns.push(await firstRender(context, live, ['reactor-twin', 'stream']));
      historyRuns.push(await firstRender(context, history, ['reactor-twin', 'stream']));
      rawRuns.push(await rawUplot(context, points));
    }
    const figures = {
      live_first_render_ms: Math.round(median(liveRuns)),
      history_points: points,
      history_first_render_ms: Math.round(median(historyRuns)),
      raw_series_fetch_ms: Math.round(median(fetches)),
      raw_uplot_draw_ms: Math.round(median(rawRuns)),
    };
    console.log(
      `live page, first render (2,000 points)      ${figures.live_first_render_ms} ms   runs ${liveRuns.map(Math.round).join(', ')}`,
    );
    console.log(
      `history chart, first render (${points.toLocaleString()} points) ${figures.history_first_render_ms} ms   runs ${historyRuns.map(Math.round).join(', ')}`,
    );
    console.log(
      `  raw: fetching the ${points.toLocaleString()} points from the API   ${figures.raw_series_fetch_ms} ms`,
    );
    console.log(`  raw: uPlot alone drawing them            ${figures.raw_uplot_draw_ms} ms`);
    console.log(JSON.stringify(figures));
  } finally {
    await context?.close();
    await hub?.stop();
    await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${process.env.DX_TEST_TEMPLATE}`)).catch(
      () => undefined,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
