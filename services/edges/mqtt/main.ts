/** The MQTT bridge process: `node dist/services/edges/mqtt/main.js [--mapping FILE]` (docs/edges.md). */
import { loadMapping } from '../shared/load-mapping.js';
import { runEdge } from '../shared/run-edge.js';
import { startMqttBridge } from './mqtt-bridge.js';
import { checkMqttMapping, MQTT_MAPPING_SCHEMA, type MqttMapping } from './mqtt-mapping.js';

runEdge({
  name: 'mqtt bridge',
  adapter: 'mqtt',
  defaultMapping: 'services/edges/mappings/mqtt.demo.yaml',
  async start({ settings, mappingFile, logger, metrics }) {
    const mapping = await loadMapping<MqttMapping>(mappingFile, MQTT_MAPPING_SCHEMA, checkMqttMapping);
    return startMqttBridge(mapping, settings, logger, metrics);
  },
});
