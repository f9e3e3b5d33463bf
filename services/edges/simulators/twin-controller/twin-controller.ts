/**
 * The twin's control function in the demo (identity `twin`, owner of `scada.setpoints`): it follows
 * the R101 twin loop's forecasts and nudges the reactor's temperature controller TIC-101 toward the
 * target when the forecast strays from it, and turns the operators' setpoint requests from VR into
 * setpoints. A stand-in for the optimiser a real twin would run; it is what makes the loop visible:
 * forecast → setpoint → plant → telemetry → forecast.
 */
import type { Logger } from 'pino';
import { DxClient, HubRefusedError, type DxSubscription, type EventEnvelope } from '../../../client/index.js';
import { followContract } from '../follow-contract.js';

export interface TwinSettings {
  natsUrl: string;
  stateDir: string;
  /** R101's temperature target (DX_TWIN_TARGET_C). */
  targetCelsius: number;
  /** Least time between two setpoints of the controller (DX_TWIN_SETPOINT_EVERY_MS). */
  everyMs: number;
}

export interface TwinController {
  readonly setpoints: number;
  close(): Promise<void>;
}

const round = (x: number) => Math.round(x * 2) / 2;

export async function startTwinController(settings: TwinSettings, logger: Logger): Promise<TwinController> {
  const client = await DxClient.connect({
    nats: settings.natsUrl,
    producer: 'twin',
    bufferDir: settings.stateDir,
  });
  let published = 0;
  let lastSetpoint: number | undefined;
  let lastAt = 0;
  const setpoint = async (body: Record<string, unknown>, msgId: string) => {
    try {
      await client.publish(
        'scada.setpoints',
        { ...body, requestedAt: new Date().toISOString() },
        { version: '1.0.0', msgId },
      );
      published++;
    } catch (error) {
      if (!(error instanceof HubRefusedError)) throw error;
      logger.error({ err: error }, 'the hub refused a setpoint');
    }
  };

  const onForecast = async (event: EventEnvelope) => {
    const forecast = event.data as {
      equipment: string;
      estimatedTemperature: number;
      horizon?: { temperature: number }[];
    };
    if (forecast.equipment !== 'R101') return;
    const ahead = forecast.horizon?.at(-1)?.temperature ?? forecast.estimatedTemperature;
    const error = ahead - settings.targetCelsius;
    if (Math.abs(error) < 3 || Date.now() - lastAt < settings.everyMs) return;
    const value = round(
      Math.min(
        settings.targetCelsius + 10,
        Math.max(settings.targetCelsius - 10, settings.targetCelsius - 0.3 * error),
      ),
    );
    if (value === lastSetpoint) return;
    lastSetpoint = value;
    lastAt = Date.now();
    logger.info({ forecast: ahead, setpoint: value }, 'R101 forecast off target: new TIC-101 setpoint');
    await setpoint(
      {
        equipment: 'R101',
        tag: 'TIC-101',
        temperature: value,
        reason: `Twin: R101 forecast ${ahead.toFixed(1)} °C against a target of ${settings.targetCelsius} °C`,
        requestedBy: 'twin.controller',
      },
      `twin:forecast:${event.position}`,
    );
  };

  const onAction = async (event: EventEnvelope) => {
    const action = event.data as {
      actionId: string;
      operator: string;
      equipment: string;
      action: string;
      parameters?: Record<string, unknown>;
    };
    if (action.action !== 'request-setpoint' || !action.parameters) return;
    const { tag, temperature, flowRate, speed } = action.parameters as Record<
      string,
      number | string | undefined
    >;
    if (typeof tag !== 'string') return;
    await setpoint(
      {
        equipment: action.equipment,
        tag,
        ...(typeof temperature === 'number' ? { temperature } : {}),
        ...(typeof flowRate === 'number' ? { flowRate } : {}),
        ...(typeof speed === 'number' ? { speed } : {}),
        reason: `Operator request ${action.actionId} from VR`,
        requestedBy: action.operator,
      },
      `twin:action:${action.actionId}`,
    );
  };

  const subscriptions: DxSubscription[] = [
    await followContract(client, settings.stateDir, 'sim.reactor-forecasts', onForecast),
    await followContract(client, settings.stateDir, 'vr.operator-actions', onAction),
  ];
  for (const s of subscriptions)
    s.closed.catch((error: unknown) => logger.error({ err: error }, 'a twin subscription ended'));
  return {
    get setpoints() {
      return published;
    },
    async close() {
      await Promise.all(subscriptions.map((s) => s.close()));
      await client.close();
    },
  };
}
