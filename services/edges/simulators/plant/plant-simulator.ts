/**
 * The demo plant as a process: the model stepped every period, its readings published the way the
 * plant's three kinds of system would: the methanol unit's pumps and E101 as plain JSON over MQTT, the
 * ammonia unit (R201, E102) as a Sparkplug B edge node, R101 on an OPC UA server with PV and SV nodes.
 * It answers setpoints (MQTT plant/setpoints/<equipment>/<tag>, OPC UA writes to SV nodes) and raises
 * the four emergencies on command (HTTP), each with its alarm (scada.alarms over MQTT).
 */
import http from 'node:http';
import path from 'node:path';
import { connect, type MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import { EMERGENCIES, isEmergencyKind, type EmergencyKind } from './emergencies.js';
import { PlantModel, type Readings } from './plant-model.js';
import { PlantOpcuaServer } from './plant-opcua-server.js';
import { NAMED_SENSORS, type PlantSettings } from './plant-settings.js';
import { SparkplugEdgeNode } from './sparkplug-edge-node.js';

const R101_NODES = ['Temperature', 'Pressure', 'Flow'] as const;

export interface PlantSimulator {
  readonly opcuaEndpoint: string;
  readonly httpUrl?: string;
  status(): Record<string, unknown>;
  close(): Promise<void>;
}

export async function startPlantSimulator(settings: PlantSettings, logger: Logger): Promise<PlantSimulator> {
  const extraPumps = Math.max(0, Math.ceil((settings.sensors - NAMED_SENSORS) / 5));
  const model = new PlantModel(extraPumps, Math.random, settings, settings.r101Temperature);
  const counts = { mqtt: 0, sparkplug: 0, opcua: 0, setpoints: 0, dropouts: 0 };
  const r101 = model.reactor('R101');
  const opcuaEndpoint = `opc.tcp://127.0.0.1:${settings.opcuaPort}/UA/Plant`;
  // The OPC UA server makes its certificate on first start (seconds): MQTT does not wait for it.
  let opcua: PlantOpcuaServer | undefined;
  const opcuaStarting = PlantOpcuaServer.start({
    port: settings.opcuaPort,
    pkiDir: path.join(settings.stateDir, 'plant-opcua-pki'),
    nodes: [
      { id: 'Reactor.R101.Temperature.PV', initial: r101.temperature.value },
      { id: 'Reactor.R101.Pressure.PV', initial: r101.pressure.value },
      { id: 'Reactor.R101.Flow.PV', initial: r101.flow.value },
      { id: 'Reactor.R101.Temperature.SV', initial: r101.temperatureSetpoint, writable: true },
      { id: 'Reactor.R101.Flow.SV', initial: r101.flowSetpoint, writable: true },
    ],
    onWrite: (id, value) => {
      counts.setpoints++;
      logger.info({ node: id, value }, 'setpoint written over OPC UA');
      if (id === 'Reactor.R101.Temperature.SV') model.setpoint('R101', { temperature: value });
      if (id === 'Reactor.R101.Flow.SV') model.setpoint('R101', { flowRate: value });
    },
  }).then(
    (server) => (opcua = server),
    (error: unknown) => {
      logger.error({ err: error }, 'the plant OPC UA server did not start');
      return undefined;
    },
  );
  const mqtt: MqttClient = connect(settings.mqttUrl, {
    clientId: 'plant-methanol-scada',
    protocolVersion: 5,
    clean: true,
    reconnectPeriod: 1000,
  });
  mqtt.on('connect', () => void mqtt.subscribeAsync('plant/setpoints/#', { qos: 1 }).catch(() => undefined));
  mqtt.on('error', (error) => logger.warn({ err: error }, 'MQTT trouble'));
  mqtt.on('message', (topic, payload) => {
    try {
      const data = JSON.parse(payload.toString()) as {
        equipment?: string;
        temperature?: number;
        flowRate?: number;
        speed?: number;
      };
      const equipment = data.equipment ?? topic.split('/')[2] ?? '';
      if (model.setpoint(equipment, data)) {
        counts.setpoints++;
        logger.info({ topic, data }, 'setpoint applied');
      }
    } catch (error) {
      logger.warn({ topic, err: error }, 'a setpoint the plant cannot read');
    }
  });
  const sparkplug = new SparkplugEdgeNode(settings.mqttUrl, 'ammonia', 'unit-5', settings.sparkplugHost);

  let alarmCount = 0;
  const alarm = (kind: EmergencyKind, state: 'active' | 'cleared') => {
    const definition = EMERGENCIES[kind];
    const body = {
      alarmId: `A-${kind}-${++alarmCount}`,
      equipment: definition.equipment,
      tag: definition.tag,
      kind,
      severity: definition.severity,
      state,
      message: state === 'active' ? definition.message : `${definition.message}: cleared`,
      occurredAt: new Date().toISOString(),
    };
    counts.mqtt++;
    return mqtt.publishAsync(`plant/methanol/alarm/${definition.equipment}`, JSON.stringify(body), {
      qos: 1,
    });
  };

  const publish = (readings: Readings, at: string) => {
    const dropped = () => (Math.random() < settings.dropout ? (counts.dropouts++, true) : false);
    for (const [id, r] of Object.entries(readings.pumps)) {
      if (dropped()) continue;
      counts.mqtt++;
      void mqtt
        .publishAsync(`plant/methanol/pump/${id}`, JSON.stringify({ ...r, quality: 'good', ts: at }), {
          qos: 1,
        })
        .catch(() => undefined);
    }
    const e101 = readings.exchangers.E101!;
    if (!dropped()) {
      counts.mqtt++;
      void mqtt
        .publishAsync('plant/methanol/exchanger/E101', JSON.stringify({ ...e101, quality: 'good', ts: at }), {
          qos: 1,
        })
        .catch(() => undefined);
    }
    const r201 = readings.reactors.R201!;
    const e102 = readings.exchangers.E102!;
    sparkplug.update({
      R201: { Temperature: r201.temperature, Pressure: r201.pressure, FeedFlow: r201.flow },
      E102: {
        ShellInletTemperature: e102.shellIn,
        ShellOutletTemperature: e102.shellOut,
        TubeInletTemperature: e102.tubeIn,
        TubeOutletTemperature: e102.tubeOut,
        Duty: e102.duty,
      },
    });
    counts.sparkplug = sparkplug.sent;
    const values = readings.reactors.R101!;
    const sampled = new Date(at);
    for (const quantity of R101_NODES) {
      if (!opcua || dropped()) continue;
      const key = quantity === 'Flow' ? 'flow' : quantity === 'Pressure' ? 'pressure' : 'temperature';
      opcua.set(`Reactor.R101.${quantity}.PV`, values[key], undefined, sampled);
      counts.opcua++;
    }
  };

  // Ticks are due at start + n · period by the clock, never after accumulated sleeps.
  const started = Date.now();
  let tick = 0;
  let timer: NodeJS.Timeout;
  const next = () => {
    tick++;
    const readings = model.step(settings.periodMs / 1000);
    publish(readings, new Date().toISOString());
    timer = setTimeout(next, Math.max(0, started + (tick + 1) * settings.periodMs - Date.now()));
  };
  timer = setTimeout(next, settings.periodMs);

  const status = () => ({
    emergencies: [...model.emergencies],
    setpoints: { R101: { temperature: r101.temperatureSetpoint, flowRate: r101.flowSetpoint } },
    R101: { temperature: r101.temperature.value, pressure: r101.pressure.value, flow: r101.flow.value },
    sensors: NAMED_SENSORS + extraPumps * 5,
    periodMs: settings.periodMs,
    sent: { ...counts, sparkplug: sparkplug.sent },
    opcuaEndpoint,
  });
  let server: http.Server | undefined;
  let httpUrl: string | undefined;
  if (settings.httpPort > 0) {
    server = http.createServer((request, response) => {
      const reply = (code: number, body: unknown) =>
        response.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      const match = /^\/emergencies\/([a-z-]+)$/.exec(request.url ?? '');
      if (request.method === 'GET' && (request.url === '/status' || request.url === '/health'))
        return reply(200, { status: 'ok', ...status() });
      if (match && (request.method === 'POST' || request.method === 'DELETE')) {
        const kind = match[1]!;
        if (!isEmergencyKind(kind))
          return reply(404, {
            error: {
              code: 'NOT_FOUND',
              message: `no emergency ${kind}`,
              details: { known: Object.keys(EMERGENCIES) },
            },
          });
        const raise = request.method === 'POST';
        if (raise) model.emergencies.add(kind);
        else model.emergencies.delete(kind);
        logger.info({ kind, active: raise }, 'emergency');
        return void alarm(kind, raise ? 'active' : 'cleared').then(
          () => reply(200, { kind, active: raise, alarm: EMERGENCIES[kind] }),
          (error: unknown) => reply(503, { error: { code: 'MQTT_UNAVAILABLE', message: String(error) } }),
        );
      }
      reply(404, {
        error: { code: 'NOT_FOUND', message: 'GET /status, POST or DELETE /emergencies/<kind>' },
      });
    });
    await new Promise<void>((resolve, reject) => {
      server!.once('error', reject);
      server!.listen(settings.httpPort, process.env.HOST || '127.0.0.1', () => resolve());
    });
    httpUrl = `http://${process.env.HOST || '127.0.0.1'}:${settings.httpPort}`;
  }
  return {
    opcuaEndpoint,
    httpUrl,
    status,
    async close() {
      clearTimeout(timer);
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      await sparkplug.close();
      await mqtt.endAsync().catch(() => undefined);
      await (await opcuaStarting)?.stop();
    },
  };
}
