/** The VR client simulator process: `node dist/services/edges/simulators/vr/main.js`. */
import path from 'node:path';
import { positiveInteger } from '../../../common/config/env-integer.js';
import { runEdge } from '../../shared/run-edge.js';
import { startVrSimulator } from './vr-client-simulator.js';

runEdge({
  name: 'vr simulator',
  adapter: 'vr',
  defaultMapping: 'services/edges/mappings/mqtt.demo.yaml',
  async start({ settings, logger }) {
    const vr = await startVrSimulator(
      {
        natsUrl: settings.natsUrl,
        stateDir: path.join(settings.stateDir, 'vr-simulator'),
        ackDelayMs: positiveInteger(process.env, 'DX_VR_ACK_MS', 2000),
        hotCelsius: positiveInteger(process.env, 'DX_VR_HOT_C', 275),
      },
      logger,
    );
    return { health: () => ({ status: 'ok', scene: vr.scene() }), close: () => vr.close() };
  },
});
