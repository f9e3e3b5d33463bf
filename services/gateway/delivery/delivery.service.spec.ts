import { describe, expect, it } from '@jest/globals';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import type { EventEnvelope } from '../../common/event-store/event-store.types.js';
import type { ContractState } from '../../common/registry-state/index.js';
import type { ContractCatalog } from '../catalog/contract-catalog.js';
import { DeliveryService } from './delivery.service.js';

const contract = { descriptor: { id: 'scada.reactor-telemetry' } } as ContractState;
const catalog = { liveMajors: () => [1] } as unknown as ContractCatalog;
const event = (position: number) =>
  ({
    position,
    streamPosition: position,
    contract: contract.descriptor.id,
    version: '1.0.0',
    key: 'R101',
  }) as EventEnvelope;

function setUp(publish: (subject: string) => void, majors: ContractCatalog = catalog) {
  const logged: { level: string; fields: Record<string, unknown>; message: string }[] = [];
  const log = (level: string) => (fields: Record<string, unknown>, message: string) =>
    void logged.push({ level, fields, message });
  const logger = { warn: log('warn'), error: log('error') } as unknown as Logger;
  const nats = { publish } as unknown as NatsConnection;
  return { delivery: new DeliveryService(nats, majors, logger), logged };
}

describe('delivery', () => {
  it('publishes the rest of a batch when NATS refuses one message, and counts and logs the refusal', async () => {
    const published: string[] = [];
    let calls = 0;
    const { delivery, logged } = setUp((subject) => {
      if (++calls === 2) throw new Error('CONNECTION_DRAINING');
      published.push(subject);
    });
    await expect(delivery.deliver(contract, [event(1), event(2), event(3)])).resolves.toBe(2);
    expect(published).toHaveLength(2);
    expect(delivery.delivered).toBe(2);
    expect(delivery.undeliverable).toBe(1);
    expect(logged).toEqual([
      expect.objectContaining({
        level: 'warn',
        fields: expect.objectContaining({ published: 2, undeliverable: 1, err: 'CONNECTION_DRAINING' }),
      }),
    ]);
  });

  it('never rejects: a delivery that fails outright is counted and logged, and the next one still goes', async () => {
    const failing = {
      liveMajors: (c: ContractState) => {
        if (c.descriptor.id === 'broken') throw new Error('no majors');
        return [1];
      },
    } as unknown as ContractCatalog;
    const published: string[] = [];
    const { delivery, logged } = setUp((subject) => void published.push(subject), failing);
    const broken = { descriptor: { id: 'broken' } } as ContractState;
    const first = delivery.deliver(broken, [event(1), event(2)]);
    const second = delivery.deliver(contract, [event(3)]);
    await expect(first).resolves.toBe(0);
    await expect(second).resolves.toBe(1);
    expect(delivery.undeliverable).toBe(2);
    expect(published).toEqual(['dx.data.scada.reactor-telemetry.v1.R101']);
    expect(logged).toEqual([
      expect.objectContaining({ level: 'error', fields: expect.objectContaining({ contract: 'broken' }) }),
    ]);
  });

  it('hands the deliveries of one tick to NATS in one go, in the order they were handed in', async () => {
    // nats.js writes its buffer to the socket once per microtask turn that published: so do we here.
    const published: string[] = [];
    let buffered = 0;
    let writes = 0;
    const { delivery } = setUp((subject) => {
      published.push(subject);
      if (buffered++ === 0)
        queueMicrotask(() => {
          buffered = 0;
          writes++;
        });
    });
    const keyed = (position: number, key: string) => ({ ...event(position), key });
    const answers = [
      delivery.deliver(contract, [keyed(1, 'R101')]),
      delivery.deliver(contract, [keyed(2, 'R102'), keyed(3, 'R103')]),
      delivery.deliver(contract, [keyed(4, 'R104')]),
    ];
    await expect(Promise.all(answers)).resolves.toEqual([1, 2, 1]);
    expect(published).toEqual(
      ['R101', 'R102', 'R103', 'R104'].map((k) => `dx.data.scada.reactor-telemetry.v1.${k}`),
    );
    expect(writes).toBe(1);
    expect(delivery.delivered).toBe(4);
  });
});
