/** The Sparkplug B host application process: `node dist/services/edges/sparkplug/main.js [--mapping FILE]`. */
import { loadMapping } from '../shared/load-mapping.js';
import { runEdge } from '../shared/run-edge.js';
import { startSparkplugHost } from './sparkplug-host.js';
import {
  checkSparkplugMapping,
  SPARKPLUG_MAPPING_SCHEMA,
  type SparkplugMapping,
} from './sparkplug-mapping.js';

runEdge({
  name: 'sparkplug host',
  adapter: 'sparkplug',
  defaultMapping: 'services/edges/mappings/sparkplug.demo.yaml',
  async start({ settings, mappingFile, logger, metrics }) {
    const mapping = await loadMapping<SparkplugMapping>(
      mappingFile,
      SPARKPLUG_MAPPING_SCHEMA,
      checkSparkplugMapping,
    );
    return startSparkplugHost(mapping, settings, logger, metrics);
  },
});
