/** The console process: the web page for architects, operators and auditors, under /console. */
import { runService } from '../common/nest/run-service.js';
import { loadConsoleConfig } from './console-config.js';
import { createConsoleApp } from './create-console-app.js';

runService({
  name: 'console',
  port: () => loadConsoleConfig().port,
  createApp: (config, logger) => createConsoleApp(config, logger),
});
