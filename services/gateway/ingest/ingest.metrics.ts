/**
 * The ingest figures /metrics reports: accepted events by contract, refusals by code, and the time
 * from receipt to ack (a histogram, seconds).
 */
import { Injectable } from '@nestjs/common';

const BUCKETS = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

@Injectable()
export class IngestMetrics {
  readonly accepted = new Map<string, number>();
  readonly refusals = new Map<string, number>();
  readonly ackBuckets = new Array<number>(BUCKETS.length).fill(0);
  ackCount = 0;
  ackSum = 0;
  readonly deliveryBuckets = new Array<number>(BUCKETS.length).fill(0);
  deliveryCount = 0;
  deliverySum = 0;

  /** From receipt of a publish to its events handed to NATS on every live major. */
  delivered(ms: number): void {
    const seconds = ms / 1000;
    this.deliveryCount++;
    this.deliverySum += seconds;
    BUCKETS.forEach((le, i) => {
      if (seconds <= le) this.deliveryBuckets[i]!++;
    });
  }

  observe(contract: string, events: number, ms: number): void {
    this.accepted.set(contract, (this.accepted.get(contract) ?? 0) + events);
    const seconds = ms / 1000;
    this.ackCount++;
    this.ackSum += seconds;
    BUCKETS.forEach((le, i) => {
      if (seconds <= le) this.ackBuckets[i]!++;
    });
  }

  refused(code: string): void {
    this.refusals.set(code, (this.refusals.get(code) ?? 0) + 1);
  }

  static readonly buckets = BUCKETS;
}
