/**
 * `npm start`: the whole demo on one machine, or the hub alone.
 *
 * The demo (default): checks PostgreSQL, NATS and the MQTT broker once (one clear line if one is
 * missing), migrates once, runs the gateway, the registry and the console, makes the demo plant's
 * contracts live with the development identities (demo-contracts.ts) and loads its asset hierarchy
 * (demo-assets.ts), then runs the simulation with the pump health loops and the demo scenarios
 * (demoSimulationEnv), the plant simulator, the edges, the VR simulator and the twin controller, and
 * starts the R101 twin loop. It prints one
 * line per service with its address, then a progress line every few seconds; the services' logs go to
 * DX_LOG_DIR (default .dx/logs). Ctrl-C stops the demo's processes first (the edges hand what they
 * hold to the hub or their buffer), then the hub, and exits 0. A second start finds its contracts,
 * checkpoints and buffers and carries on.
 *
 * The hub alone (`npm run start:hub`, or DX_HUB_ONLY=1): the gateway, the registry, the simulation (no
 * health loops, no demo scenarios unless set) and the console, with their JSON logs on stdout, as a deployment runs them.
 *
 * Either way each service is its own process; if one dies on its own, the others are stopped and the
 * launcher exits 1, saying which one.
 */
import type { ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_MQTT_URL, loadConfig } from '../common/config/config.js';
import { positiveInteger } from '../common/config/env-integer.js';
import { repoRoot } from '../common/config/repo-root.js';
import { describeError } from '../common/errors/describe-error.js';
import { redactUrl } from '../common/url/redact-url.js';
import { prepareDatabase } from '../common/nest/database/prepare-database.js';
import { preflight } from '../common/nest/preflight/preflight.js';
import { demoPorts, demoServices, demoSimulationEnv, TWIN_LOOP } from './demo-services.js';
import type { showProgress } from './progress-line.js';
import { startService, type ServiceSpec } from './service-process.js';

const SIMULATION: ServiceSpec = { name: 'simulation', main: 'simulation/main.js' };
const HUB: ServiceSpec[] = [
  { name: 'gateway', main: 'gateway/main.js' },
  { name: 'registry', main: 'registry/main.js' },
  SIMULATION,
  { name: 'console', main: 'console/main.js' },
];
const servicesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const HEALTHY_WITHIN_MS = 60_000;

function fail(line: string): never {
  process.stderr.write(`dx: ${line}\n`);
  process.exit(1);
}

const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const hubOnly =
    process.argv.includes('--hub-only') || ['1', 'true'].includes(process.env.DX_HUB_ONLY ?? '');
  const config = loadConfig();
  const mqttUrl = process.env.MQTT_URL || DEFAULT_MQTT_URL;
  const problems = (await preflight(config)).map((p) => p.message);
  if (!hubOnly) {
    const mqtt = await probeMqtt(mqttUrl);
    if (mqtt) problems.push(mqtt);
  }
  if (problems.length > 0) fail(problems.join(' Also: '));
  await prepareDatabase(config.databaseUrl).catch((error: unknown) =>
    fail(`could not prepare the database at ${redactUrl(config.databaseUrl)} (${describeError(error)})`),
  );

  const logDir = hubOnly
    ? undefined
    : path.resolve(process.env.DX_LOG_DIR || path.join(repoRoot(), '.dx', 'logs'));
  let stopping = false;
  const shown: { progress?: ReturnType<typeof showProgress> } = {};
  const hub = new Map<string, ChildProcess>();
  const demo = new Map<string, ChildProcess>();
  const exitWhenAllGone = () => {
    if (hub.size === 0 && demo.size === 0) process.exit(process.exitCode ?? 0);
  };
  const stopAll = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    shown.progress?.stop();
    if (!hubOnly && demo.size > 0) say('dx: stopping the demo, then the hub');
    // The demo's processes first: the edges give what they hold to the hub while it is still there.
    await stopGroup(demo, signal);
    await stopGroup(hub, signal);
    exitWhenAllGone();
  };
  const run = (spec: ServiceSpec, group: Map<string, ChildProcess>) => {
    const { child } = startService(spec, servicesDir, logDir);
    group.set(spec.name, child);
    child.on('exit', (code, signal) => {
      group.delete(spec.name);
      if (!stopping) {
        process.stderr.write(
          `dx: the ${spec.name} stopped on its own (${signal ?? `exit code ${code}`})${logDir ? `; its log: ${path.join(logDir, `${spec.name.replace(/\s+/g, '-')}.log`)}` : ''}; stopping the ${hubOnly ? 'hub' : 'demo'}\n`,
        );
        process.exitCode = 1;
        void stopAll('SIGTERM');
      }
      exitWhenAllGone();
    });
    return child;
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void stopAll(signal));

  if (hubOnly) {
    for (const spec of HUB) run(spec, hub);
    return;
  }
  // The demo starts the simulation once its contracts are live and registered, so that it saves the demo
  // scenarios and reads as the twin at its first attempt; it also switches on what the hub alone leaves
  // off: the pump health loops and the scenario library.
  for (const spec of HUB) if (spec !== SIMULATION) run(spec, hub);

  const host = config.httpHost;
  const gatewayUrl = `http://${host}:${config.httpPort}`;
  const registryUrl = `http://${host}:${config.registryPort}`;
  const simulationUrl = `http://${host}:${config.simulationPort}`;
  say(`dx: starting the demo plant (logs in ${logDir})`);
  await Promise.all([waitHealthy(gatewayUrl), waitHealthy(registryUrl)]).catch((error: unknown) =>
    fail(describeError(error)),
  );
  if (stopping) return;
  // Loaded only for the demo: the hub alone starts without the registry's contract loader or the assets'.
  const { makeDemoContractsLive } = await import('./demo-contracts.js');
  const live = await makeDemoContractsLive(registryUrl).catch((error: unknown) =>
    fail(`could not make the demo's contracts live: ${describeError(error)}`),
  );
  const { loadDemoAssets } = await import('./demo-assets.js');
  const assets = await loadDemoAssets(config).catch((error: unknown) =>
    fail(`could not load the demo plant's assets: ${describeError(error)}`),
  );
  if (stopping) return;
  run(withDemoSimulation(SIMULATION), hub);
  await waitHealthy(simulationUrl).catch((error: unknown) => fail(describeError(error)));
  if (stopping) return;
  const ports = demoPorts(process.env);
  const services = demoServices(ports, mqttUrl);
  for (const spec of services) if (!stopping) run(spec, demo);
  const twin = await startTwinLoop(simulationUrl);

  const consoleUrl =
    process.env.DX_CONSOLE_URL ||
    `http://${host}:${positiveInteger(process.env, 'CONSOLE_PORT', 8083)}/console/`;
  say(`dx: console      ${consoleUrl}  (open it: the live plant, reviews, audit, simulation, health)`);
  say(`dx: gateway      ${gatewayUrl}  (API docs ${gatewayUrl}/docs, metrics ${gatewayUrl}/metrics)`);
  say(
    `dx: registry     ${registryUrl}  (contracts ${registryUrl}/docs/contracts.html; ${live.approved} versions approved now)`,
  );
  say(
    `dx: simulation   ${simulationUrl}  (twin loop ${TWIN_LOOP.id}: ${twin}; health loops ${demoSimulationEnv().DX_ANALYTICS_ASSETS || 'off'})`,
  );
  say(`dx: assets       ${assets.assets} from ${assets.file} (${assets.stored} new): npx dx assets tree`);
  for (const spec of services) say(`dx: ${spec.name.padEnd(16)} ${spec.what}`);
  say(
    `dx: bus ${redactUrl(config.natsUrl)}, store ${redactUrl(config.databaseUrl)}; docs: README.md, docs/edges.md`,
  );
  say(`dx: Ctrl-C stops everything; the console: ${consoleUrl}`);
  shown.progress = (await import('./progress-line.js')).showProgress(gatewayUrl, say);
}

function withDemoSimulation(spec: ServiceSpec): ServiceSpec {
  return { ...spec, env: { ...spec.env, ...demoSimulationEnv() } };
}

async function stopGroup(group: Map<string, ChildProcess>, signal: NodeJS.Signals): Promise<void> {
  const exits = [...group.values()].map(
    (child) =>
      new Promise<void>((resolve) =>
        child.exitCode !== null ? resolve() : child.once('exit', () => resolve()),
      ),
  );
  for (const child of group.values()) if (child.exitCode === null) child.kill(signal);
  await Promise.all(exits);
}

async function waitHealthy(url: string): Promise<void> {
  const deadline = Date.now() + HEALTHY_WITHIN_MS;
  for (;;) {
    const answer = await fetch(`${url}/health`).catch(() => undefined);
    if (answer?.status === 200) return;
    if (Date.now() > deadline) throw new Error(`${url} was not healthy within ${HEALTHY_WITHIN_MS / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Starts the R101 twin loop (the simulation's realtime session); says how it went rather than failing. */
async function startTwinLoop(simulationUrl: string): Promise<string> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const answer = await fetch(`${simulationUrl}/api/v1/sim/start`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer dev-simulation-token' },
      body: JSON.stringify(TWIN_LOOP),
    }).catch(() => undefined);
    const body = (await answer?.json().catch(() => null)) as {
      ok?: boolean;
      error?: { code: string; message: string };
    } | null;
    if (answer?.ok && body?.ok !== false) return 'running';
    if (body?.error?.code === 'CONFLICT') return 'running';
    await new Promise((r) => setTimeout(r, 500));
    if (attempt === 19)
      return `not started (${body?.error ? `${body.error.code} ${body.error.message}` : `HTTP ${answer?.status}`})`;
  }
  return 'not started';
}

/** Whether the MQTT broker accepts a TCP connection; a sentence saying how to get one when it does not. */
async function probeMqtt(url: string): Promise<string | undefined> {
  let host = '127.0.0.1';
  let port = 1883;
  try {
    const parsed = new URL(url);
    host = parsed.hostname;
    port = Number(parsed.port || 1883);
  } catch {
    return `MQTT_URL ${url} is not a URL (mqtt://host:port)`;
  }
  const open = await new Promise<boolean>((resolve) => {
    const socket = net.connect(port, host);
    const timer = setTimeout(() => (socket.destroy(), resolve(false)), 3000);
    socket.once('connect', () => (clearTimeout(timer), socket.destroy(), resolve(true)));
    socket.once('error', () => (clearTimeout(timer), resolve(false)));
  });
  return open
    ? undefined
    : `cannot reach the MQTT broker at ${redactUrl(url)} (the demo plant speaks MQTT: apt-get install mosquitto, or set MQTT_URL; npm run start:hub runs the hub alone).`;
}

main().catch((error: unknown) => fail(`failed to start (${describeError(error)})`));
