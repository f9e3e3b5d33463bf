import { describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { REPO_ROOT } from '../../../test/support/run-process.js';
import { loadMapping } from '../shared/load-mapping.js';
import { checkMqttMapping, MQTT_MAPPING_SCHEMA } from '../mqtt/mqtt-mapping.js';
import { checkOpcuaMapping, OPCUA_MAPPING_SCHEMA } from '../opcua/opcua-mapping.js';
import { checkSparkplugMapping, SPARKPLUG_MAPPING_SCHEMA } from '../sparkplug/sparkplug-mapping.js';

const file = (name: string) => path.join(REPO_ROOT, 'services/edges/mappings', name);

describe('the demo mappings', () => {
  it('are valid for their adapters', async () => {
    await expect(
      loadMapping(file('mqtt.demo.yaml'), MQTT_MAPPING_SCHEMA, checkMqttMapping),
    ).resolves.toBeDefined();
    await expect(
      loadMapping(file('sparkplug.demo.yaml'), SPARKPLUG_MAPPING_SCHEMA, checkSparkplugMapping),
    ).resolves.toBeDefined();
    await expect(
      loadMapping(file('opcua.demo.yaml'), OPCUA_MAPPING_SCHEMA, checkOpcuaMapping),
    ).resolves.toBeDefined();
  });

  it('name a missing file in one sentence', async () => {
    await expect(loadMapping(file('nope.yaml'), MQTT_MAPPING_SCHEMA)).rejects.toThrow(
      /nope\.yaml has 1 problem: \(file\) cannot read the file/,
    );
  });
});
