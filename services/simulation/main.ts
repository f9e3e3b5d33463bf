/** The simulation process: scenario runs, realtime sessions and the twin loop, on a pool of Python workers. */
import { runService } from '../common/nest/run-service.js';
import { createSimulationApp } from './create-simulation-app.js';

runService({
  name: 'simulation',
  port: (config) => config.simulationPort,
  createApp: (config, logger) => createSimulationApp(config, logger),
});
