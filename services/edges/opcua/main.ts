/** The OPC UA client edge process: `node dist/services/edges/opcua/main.js [--mapping FILE]` (docs/edges.md). */
import { loadMapping } from '../shared/load-mapping.js';
import { runEdge } from '../shared/run-edge.js';
import { startOpcuaClient } from './opcua-client-edge.js';
import { checkOpcuaMapping, OPCUA_MAPPING_SCHEMA, type OpcuaMapping } from './opcua-mapping.js';

runEdge({
  name: 'opcua client',
  adapter: 'opcua',
  defaultMapping: 'services/edges/mappings/opcua.demo.yaml',
  async start({ settings, mappingFile, logger, metrics }) {
    const mapping = await loadMapping<OpcuaMapping>(mappingFile, OPCUA_MAPPING_SCHEMA, checkOpcuaMapping);
    if (process.env.OPCUA_URL) mapping.endpoint = process.env.OPCUA_URL;
    return startOpcuaClient(mapping, settings, logger, metrics);
  },
});
