/**
 * The OPC UA section of bench:edges: a plant server with 1,000 process values (200 pumps of 5 values)
 * that all change once a second, the OPC UA client edge (a process of its own) subscribed to every
 * one, and a check that every sample of every pump reached the store.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Pool } from 'pg';
import {
  PlantOpcuaServer,
  type PlantNode,
} from '../../../services/edges/simulators/plant/plant-opcua-server.js';
import { freePort } from '../../support/free-port.js';

const QUANTITIES = ['Flow', 'DischargePressure', 'Speed', 'Power', 'Vibration'] as const;
const FIELD = {
  Flow: 'flow',
  DischargePressure: 'dischargePressure',
  Speed: 'speed',
  Power: 'power',
  Vibration: 'vibration',
} as const;

const pumpId = (i: number) => `Q${String(i).padStart(3, '0')}`;

/** Sample k's value of a quantity: each changes every second and stays inside the contract's ranges. */
function sample(quantity: (typeof QUANTITIES)[number], k: number): number {
  switch (quantity) {
    case 'Flow':
      return 50 + k / 100;
    case 'DischargePressure':
      return 0.4 + k / 10_000;
    case 'Speed':
      return 2000 + k;
    case 'Power':
      return 4 + k / 1000;
    case 'Vibration':
      return 2 + k / 1000;
  }
}

export interface OpcuaBench {
  endpoint: string;
  mappingFile: string;
  run(seconds: number, pool: Pool): Promise<{ itemsPerSecond: number; missing: number; items: number }>;
  stop(): Promise<void>;
}

export async function startOpcuaBench(pumps: number, dir: string): Promise<OpcuaBench> {
  const nodes: PlantNode[] = [];
  for (let i = 0; i < pumps; i++)
    for (const q of QUANTITIES) nodes.push({ id: `Pump.${pumpId(i)}.${q}.PV`, initial: sample(q, 0) });
  const server = await PlantOpcuaServer.start({
    port: await freePort(),
    nodes,
    pkiDir: path.join(dir, 'server-pki'),
  });
  const routes = Array.from({ length: pumps }, (_, i) => {
    const fields = QUANTITIES.map(
      (q) => `      ${FIELD[q]}: { node: 'ns=1;s=Pump.${pumpId(i)}.${q}.PV' }`,
    ).join('\n');
    return `  - contract: scada.pump-telemetry
    version: 1.0.0
    key: P${String(i).padStart(3, '0')}
    fields:
      equipment: { value: P${String(i).padStart(3, '0')} }
${fields}
      quality: /quality
      sourceTimestamp: /sourceTimestamp`;
  });
  const mappingFile = path.join(dir, 'opcua-bench.yaml');
  writeFileSync(
    mappingFile,
    `edge: bench-opcua
producer: scada
endpoint: ${server.endpoint}
subscription: { publishingIntervalMs: 1000, samplingIntervalMs: 0, queueSize: 10 }
equipment:
${routes.join('\n')}
`,
  );
  return {
    endpoint: server.endpoint,
    mappingFile,
    async run(seconds, pool) {
      const started = Date.now();
      const base = Math.floor(started / 1000) * 1000;
      for (let k = 1; k <= seconds; k++) {
        const due = started + k * 1000;
        await new Promise((r) => setTimeout(r, Math.max(0, due - Date.now())));
        const at = new Date(base + k * 1000);
        for (let i = 0; i < pumps; i++)
          for (const q of QUANTITIES) server.set(`Pump.${pumpId(i)}.${q}.PV`, sample(q, k), undefined, at);
      }
      // Every pump's sample k is one message whose speed is 2000 + k.
      const expected = pumps * seconds;
      const deadline = Date.now() + 15_000;
      let found: number;
      for (;;) {
        const { rows } = await pool.query<{ n: string }>(
          `SELECT count(DISTINCT (key, payload->>'speed')) AS n FROM dx.events
           WHERE contract_id = 'scada.pump-telemetry' AND key LIKE 'P%' AND (payload->>'speed')::numeric > 2000
             AND producer = 'scada' AND msg_id LIKE 'bench-opcua:%'`,
        );
        found = Number(rows[0]!.n);
        if (found >= expected || Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      const items = found * QUANTITIES.length;
      return { itemsPerSecond: items / seconds, missing: expected - found, items };
    },
    stop: () => server.stop(),
  };
}
