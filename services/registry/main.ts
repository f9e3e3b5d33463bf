/** The registry process: contracts, their versions, their lifecycle and their documentation. */
import { runService } from '../common/nest/run-service.js';
import { createRegistryApp } from './create-registry-app.js';

runService({ name: 'registry', port: (config) => config.registryPort, createApp: createRegistryApp });
