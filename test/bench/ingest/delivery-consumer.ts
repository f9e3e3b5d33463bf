/**
 * The consumer at the end of the pipeline: its own NATS connection in the producer process, subscribed
 * to dx.data.<contract>.v1.>, so that publish and delivery are timed on one clock. It counts every
 * delivery; while a section watches, it also reads each envelope's msgId and reports when it arrived.
 */
import { performance } from 'node:perf_hooks';
import { connect, type Msg, type NatsConnection, type Subscription } from '@nats-io/transport-node';

export type DeliveryWatcher = (msgId: string, receivedAt: number) => void;

export class DeliveryConsumer {
  delivered = 0;
  private watcher: DeliveryWatcher | undefined;
  private subscription: Subscription | undefined;

  private constructor(private readonly nats: NatsConnection) {}

  static async start(url: string, subject: string): Promise<DeliveryConsumer> {
    const consumer = new DeliveryConsumer(await connect({ servers: url, name: 'bench-consumer' }));
    consumer.subscription = consumer.nats.subscribe(subject, {
      callback: (error, msg) => {
        if (!error) consumer.received(msg);
      },
    });
    await consumer.nats.flush();
    return consumer;
  }

  watch(watcher: DeliveryWatcher | undefined): void {
    this.watcher = watcher;
  }

  async close(): Promise<void> {
    this.subscription?.unsubscribe();
    await this.nats.close();
  }

  private received(msg: Msg): void {
    this.delivered++;
    if (!this.watcher) return;
    const receivedAt = performance.now();
    this.watcher(msg.json<{ msgId: string }>().msgId, receivedAt);
  }
}
