/** The gateway process: the hub itself. Started by `npm start` (through the launcher) or on its own. */
import { runService } from '../common/nest/run-service.js';
import { createGatewayApp } from './create-gateway-app.js';

runService({ name: 'gateway', port: (config) => config.httpPort, createApp: createGatewayApp });
