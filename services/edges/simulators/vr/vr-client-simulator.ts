/**
 * The VR client simulator: a registered consumer of the alarms, the reactor telemetry and the twin's
 * forecasts (identity `vr`). It keeps a scene state per equipment and publishes it (`vr.scene-state`):
 * an active emergency alarm highlights its equipment, a cleared one returns it to normal, a forecast
 * labels its reactor. Its operator acknowledges each alarm after a moment, and asks for a lower
 * temperature setpoint when a reactor's forecast runs hot (`vr.operator-actions`).
 */
import type { Logger } from 'pino';
import { DxClient, HubRefusedError, type DxSubscription, type EventEnvelope } from '../../../client/index.js';
import { followContract } from '../follow-contract.js';

const EMERGENCIES = new Set(['pipe-leak', 'device-leak', 'stuck-valve', 'superheated-refrigerant']);
const OPERATOR = 'op.vr-sim';

export interface VrSettings {
  natsUrl: string;
  stateDir: string;
  /** How long the simulated operator takes to acknowledge an alarm (DX_VR_ACK_MS). */
  ackDelayMs: number;
  /** A forecast above this asks for a setpoint (DX_VR_HOT_C). */
  hotCelsius: number;
}

export interface VrSimulator {
  scene(): Record<string, unknown>;
  close(): Promise<void>;
}

export async function startVrSimulator(settings: VrSettings, logger: Logger): Promise<VrSimulator> {
  const client = await DxClient.connect({
    nats: settings.natsUrl,
    producer: 'vr',
    bufferDir: settings.stateDir,
  });
  const scene = new Map<string, Record<string, unknown>>();
  const timers = new Set<NodeJS.Timeout>();
  const publish = async (contract: string, payload: Record<string, unknown>, msgId: string) => {
    try {
      await client.publish(contract, payload, { version: '1.0.0', msgId });
    } catch (error) {
      if (!(error instanceof HubRefusedError)) throw error;
      logger.error({ err: error, contract }, 'the hub refused a VR message');
    }
  };
  const show = (equipment: string, state: Record<string, unknown>, msgId: string) => {
    const next = {
      equipment,
      highlight: false,
      emergency: 'none',
      ...state,
      updatedAt: new Date().toISOString(),
    };
    scene.set(equipment, next);
    return publish('vr.scene-state', next, msgId);
  };

  const onAlarm = async (event: EventEnvelope) => {
    const alarm = event.data as {
      alarmId: string;
      equipment: string;
      kind: string;
      state: string;
      message: string;
    };
    const emergency = EMERGENCIES.has(alarm.kind) ? alarm.kind : 'none';
    if (alarm.state === 'active') {
      await show(
        alarm.equipment,
        { emergency, highlight: true, colour: '#ff3300', label: alarm.message },
        `vr:scene:${event.position}`,
      );
      const timer = setTimeout(() => {
        timers.delete(timer);
        void publish(
          'vr.operator-actions',
          {
            actionId: `ack-${alarm.alarmId}`,
            operator: OPERATOR,
            equipment: alarm.equipment,
            action: 'acknowledge-alarm',
            parameters: { alarmId: alarm.alarmId },
            performedAt: new Date().toISOString(),
          },
          `vr:ack:${alarm.alarmId}`,
        ).catch((error: unknown) => logger.warn({ err: error }, 'could not acknowledge'));
      }, settings.ackDelayMs);
      timers.add(timer);
    } else if (alarm.state === 'cleared') {
      await show(
        alarm.equipment,
        { emergency: 'none', highlight: false, label: `${alarm.equipment}: normal` },
        `vr:scene:${event.position}`,
      );
    }
  };

  let lastRequest = 0;
  const onForecast = async (event: EventEnvelope) => {
    const forecast = event.data as {
      equipment: string;
      estimatedTemperature: number;
      conversion: number;
      horizon?: { temperature: number }[];
    };
    const current = scene.get(forecast.equipment);
    if (!current?.highlight)
      await show(
        forecast.equipment,
        {
          label: `${forecast.equipment} ${forecast.estimatedTemperature.toFixed(1)} °C, conversion ${(forecast.conversion * 100).toFixed(0)} %`,
        },
        `vr:scene:${event.position}`,
      );
    const ahead = forecast.horizon?.at(-1)?.temperature ?? forecast.estimatedTemperature;
    if (ahead > settings.hotCelsius && Date.now() - lastRequest > 60_000) {
      lastRequest = Date.now();
      await publish(
        'vr.operator-actions',
        {
          actionId: `sp-${event.position}`,
          operator: OPERATOR,
          equipment: forecast.equipment,
          action: 'request-setpoint',
          parameters: { tag: 'TIC-101', temperature: settings.hotCelsius - 20 },
          performedAt: new Date().toISOString(),
        },
        `vr:request:${event.position}`,
      );
    }
  };

  const subscriptions: DxSubscription[] = [
    await followContract(client, settings.stateDir, 'scada.alarms', onAlarm),
    await followContract(client, settings.stateDir, 'sim.reactor-forecasts', onForecast),
    // Telemetry: the scene's live values; the hub delivers it converted to major 1.
    await followContract(client, settings.stateDir, 'scada.reactor-telemetry', async () => undefined),
  ];
  for (const s of subscriptions)
    s.closed.catch((error: unknown) => logger.error({ err: error }, 'a VR subscription ended'));
  return {
    scene: () => Object.fromEntries(scene),
    async close() {
      for (const timer of timers) clearTimeout(timer);
      await Promise.all(subscriptions.map((s) => s.close()));
      await client.close();
    },
  };
}
