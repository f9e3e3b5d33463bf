/** The simulation process: scenario runs, realtime sessions and the twin loop, on a pool of Python workers. */
import { runService } from '../common/nest/run-service.js';
import { createSimulationApp } from './create-simulation-app.js';
import { loadSimConfig } from './sim-config.js';

runService({
  name: 'simulation',
  port: () => loadSimConfig().port,
  createApp: (config, logger) => createSimulationApp(config, logger),
});
