/**
 * What `npm start` runs beside the hub for the demo plant, in start order, with the ports each listens
 * on (every one an environment variable, so that a test or a second demo runs beside the first).
 */
import path from 'node:path';
import { positiveInteger } from '../common/config/env-integer.js';
import type { ServiceSpec } from './service-process.js';

export interface DemoPorts {
  plant: number;
  plantOpcua: number;
  mqttBridge: number;
  sparkplug: number;
  opcuaClient: number;
}

export function demoPorts(env: NodeJS.ProcessEnv): DemoPorts {
  return {
    plant: positiveInteger(env, 'DX_PLANT_PORT', 8090),
    plantOpcua: positiveInteger(env, 'DX_PLANT_OPCUA_PORT', 4840),
    mqttBridge: positiveInteger(env, 'DX_MQTT_BRIDGE_PORT', 8091),
    sparkplug: positiveInteger(env, 'DX_SPARKPLUG_PORT', 8092),
    opcuaClient: positiveInteger(env, 'DX_OPCUA_CLIENT_PORT', 8093),
  };
}

/** The demo's processes; each line of the launcher's summary is `what` with its address. */
export function demoServices(ports: DemoPorts, mqttUrl: string): (ServiceSpec & { what: string })[] {
  const host = process.env.HOST || '127.0.0.1';
  const opcua = `opc.tcp://127.0.0.1:${ports.plantOpcua}/UA/Plant`;
  const mapping = (name: string) => path.join('services', 'edges', 'mappings', name);
  return [
    {
      name: 'plant simulator',
      main: 'edges/simulators/plant/main.js',
      env: { DX_PLANT_PORT: String(ports.plant), DX_PLANT_OPCUA_PORT: String(ports.plantOpcua) },
      what: `MQTT ${mqttUrl} (plant/#, spBv1.0/#), OPC UA ${opcua}; emergencies: POST http://${host}:${ports.plant}/emergencies/<kind>`,
    },
    {
      name: 'mqtt bridge',
      main: 'edges/mqtt/main.js',
      args: ['--mapping', mapping('mqtt.demo.yaml')],
      env: { DX_EDGE_PORT: String(ports.mqttBridge) },
      what: `${mqttUrl} plant/# ⇄ hub; http://${host}:${ports.mqttBridge}/metrics`,
    },
    {
      name: 'sparkplug host',
      main: 'edges/sparkplug/main.js',
      args: ['--mapping', mapping('sparkplug.demo.yaml')],
      env: { DX_EDGE_PORT: String(ports.sparkplug) },
      what: `${mqttUrl} spBv1.0/ammonia/# → hub; http://${host}:${ports.sparkplug}/metrics`,
    },
    {
      name: 'opcua client',
      main: 'edges/opcua/main.js',
      args: ['--mapping', mapping('opcua.demo.yaml')],
      env: { DX_EDGE_PORT: String(ports.opcuaClient), OPCUA_URL: opcua },
      what: `${opcua} ⇄ hub; http://${host}:${ports.opcuaClient}/metrics`,
    },
    {
      name: 'vr simulator',
      main: 'edges/simulators/vr/main.js',
      what: 'vr.scene-state, vr.operator-actions',
    },
    {
      name: 'twin controller',
      main: 'edges/simulators/twin-controller/main.js',
      what: 'scada.setpoints from the R101 forecasts',
    },
  ];
}

/**
 * What the demo turns on in the simulation service (the hub alone leaves them off): the health loops of
 * pumps P101 and P102 (DX_ANALYTICS_ASSETS) and the demo scenarios in the library (DX_SIM_DEMO_SCENARIOS).
 * A value set in the environment, even empty, wins.
 */
export function demoSimulationEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const defaults = { DX_ANALYTICS_ASSETS: 'P101,P102', DX_SIM_DEMO_SCENARIOS: '1' };
  return Object.fromEntries(Object.entries(defaults).map(([name, value]) => [name, env[name] ?? value]));
}

/** The R101 twin loop the demo starts in the simulation service (docs/simulation.md). */
export const TWIN_LOOP = {
  id: 'twin-r101',
  scenario: {
    scenarioId: 'twin-r101',
    mode: 'realtime',
    models: [{ id: 'R101', model: 'reactor', instance: 'R101' }],
    periodSeconds: 1,
  },
  twin: {
    reactor: 'R101',
    horizonSeconds: 120,
    everySeconds: 5,
    telemetry: { contract: 'scada.reactor-telemetry', key: 'R101' },
  },
};
