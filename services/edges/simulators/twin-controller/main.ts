/** The demo's twin controller process: `node dist/services/edges/simulators/twin-controller/main.js`. */
import path from 'node:path';
import { positiveInteger } from '../../../common/config/env-integer.js';
import { runEdge } from '../../shared/run-edge.js';
import { startTwinController } from './twin-controller.js';

runEdge({
  name: 'twin controller',
  adapter: 'twin',
  defaultMapping: 'services/edges/mappings/mqtt.demo.yaml',
  async start({ settings, logger }) {
    const twin = await startTwinController(
      {
        natsUrl: settings.natsUrl,
        stateDir: path.join(settings.stateDir, 'twin-controller'),
        targetCelsius: positiveInteger(process.env, 'DX_TWIN_TARGET_C', 250),
        everyMs: positiveInteger(process.env, 'DX_TWIN_SETPOINT_EVERY_MS', 10_000),
      },
      logger,
    );
    return { health: () => ({ status: 'ok', setpoints: twin.setpoints }), close: () => twin.close() };
  },
});
