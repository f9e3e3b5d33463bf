/** The demo plant simulator process: `node dist/services/edges/simulators/plant/main.js` (docs/edges.md#the-demo-plant). */
import { runEdge } from '../../shared/run-edge.js';
import { loadPlantSettings } from './plant-settings.js';
import { startPlantSimulator } from './plant-simulator.js';

runEdge({
  name: 'plant simulator',
  adapter: 'plant',
  defaultMapping: 'services/edges/mappings/mqtt.demo.yaml',
  async start({ settings, logger }) {
    const plant = await startPlantSimulator(loadPlantSettings(process.env, settings.stateDir), logger);
    return { health: () => ({ status: 'ok', ...plant.status() }), close: () => plant.close() };
  },
});
