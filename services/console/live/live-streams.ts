/**
 * Live streams to browsers (Server-Sent Events). Each stream follows what its page asks for: the
 * registry's changes (everyone may see those: the registry's reads are open) and the live data of some
 * contracts and keys, each checked with the gateway's read rule when asked for and again whenever the
 * registry changes, so a consumer unregistered a moment ago stops receiving. Data comes from the hub's
 * own delivery on NATS (dx.data.<contract>.v<major>.<key>), for the newest live major of the contract.
 */
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { DxError } from '../../common/errors/dx-error.js';
import type { Identity } from '../../common/identity/identity.types.js';
import { SUBJECTS } from '../../common/nats/subjects.js';
import { NATS_CONNECTION } from '../../common/nest/nats/nats.tokens.js';
import { ReadCheck } from '../access/read-check.js';
import { RegistryView, type RegistryChange } from '../access/registry-view.js';
import type { ConsoleConfig } from '../console-config.js';
import { CONSOLE_CONFIG } from '../console.tokens.js';
import type { LiveTopic } from './live-topic.js';

/** Where a stream's events go: the HTTP response, as SSE. */
export interface LiveSink {
  send(event: string, data: unknown): void;
  close(): void;
}

export interface LiveRequest {
  registry: boolean;
  topics: LiveTopic[];
}

interface OpenStream {
  reader: Identity;
  sink: LiveSink;
  request: LiveRequest;
  subscriptions: Map<string, Subscription>;
}

@Injectable()
export class LiveStreams implements OnApplicationShutdown {
  private readonly streams = new Set<OpenStream>();

  constructor(
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(CONSOLE_CONFIG) private readonly config: ConsoleConfig,
    private readonly registry: RegistryView,
    private readonly access: ReadCheck,
  ) {
    this.registry.onChange((change) => this.registryChanged(change));
  }

  get open(): number {
    return this.streams.size;
  }

  /** Checks the request and subscribes; returns how to close the stream. */
  async start(reader: Identity, request: LiveRequest, sink: LiveSink): Promise<() => void> {
    if (this.streams.size >= this.config.maxStreams)
      throw new DxError(
        'CONSOLE_BUSY',
        `the console has ${this.config.maxStreams} live streams open already`,
        {
          rule: 'maxStreams',
          expected: this.config.maxStreams,
        },
      );
    if (request.topics.length > this.config.maxSubscriptions)
      throw new DxError(
        'BAD_ARGUMENT',
        `a live stream may follow at most ${this.config.maxSubscriptions} topics`,
        {
          field: 'data',
          rule: 'maxItems',
          expected: this.config.maxSubscriptions,
        },
      );
    // Every topic is checked before anything is sent: a refusal is an HTTP error, not an event.
    for (const topic of request.topics) await this.access.contract(reader, topic.contract);
    const stream: OpenStream = { reader, sink, request, subscriptions: new Map() };
    this.streams.add(stream);
    this.subscribe(stream);
    return () => this.stop(stream);
  }

  onApplicationShutdown(): void {
    for (const stream of [...this.streams]) {
      this.stop(stream);
      stream.sink.close();
    }
  }

  private stop(stream: OpenStream): void {
    for (const subscription of stream.subscriptions.values()) subscription.unsubscribe();
    stream.subscriptions.clear();
    this.streams.delete(stream);
  }

  /** Subscribes to each topic the reader may read now, on its contract's newest live major. */
  private subscribe(stream: OpenStream): void {
    for (const topic of stream.request.topics) {
      const contract = this.registry.contract(topic.contract);
      const live = contract ? this.registry.liveMajors(contract) : [];
      const major = topic.major !== undefined ? live.find((m) => m === topic.major) : live.at(-1);
      const name = `${topic.contract}${topic.major === undefined ? '' : `@${topic.major}`}/${topic.key}`;
      if (major === undefined || stream.subscriptions.has(name)) continue;
      if (!this.access.mayRead(stream.reader, topic.contract)) continue;
      const subject = SUBJECTS.data(topic.contract, major, topic.key === '*' ? '*' : topic.key);
      const subscription = this.nats.subscribe(subject, {
        callback: (error, message) => {
          if (error) return;
          // The envelope is passed on as the gateway sent it: parsed only to be sent as JSON again.
          let envelope: unknown;
          try {
            envelope = message.json();
          } catch {
            return;
          }
          stream.sink.send('data', envelope);
        },
      });
      stream.subscriptions.set(name, subscription);
    }
  }

  private registryChanged(change: RegistryChange): void {
    for (const stream of this.streams) {
      // Rights follow the registry: drop what the reader may no longer read, add what became live.
      for (const [name, subscription] of stream.subscriptions) {
        const contract = name.slice(0, name.search(/[@/]/));
        if (!this.access.mayRead(stream.reader, contract)) {
          subscription.unsubscribe();
          stream.subscriptions.delete(name);
          stream.sink.send('refused', { topic: name, code: 'READ_FORBIDDEN' });
        }
      }
      this.subscribe(stream);
      if (stream.request.registry) stream.sink.send('registry', change);
    }
  }
}
