/**
 * What the benchmark asks its producer process to do (over the fork IPC channel), and what it answers.
 * A command names its workload by seed and run id; the producer builds the payloads itself, untimed.
 */
import type { WorkerProcess } from './fork-worker.js';

/** Requests back to back from `concurrency` loops, each waiting for its reply before the next. */
export interface ClosedLoopCommand {
  kind: 'closed-loop';
  subject: string;
  /** Prefix of the message ids, unique per run. */
  run: string;
  seed: number;
  keys: number;
  events: number;
  /** 1: one JSON object per request; more: a JSON array of that many. */
  batchSize: number;
  concurrency: number;
  /** Wait, after the last reply, until the consumer has every event (the gateway delivers after it answers). */
  awaitDeliveries: boolean;
}

export interface ClosedLoopResult {
  kind: 'closed-loop';
  requests: number;
  events: number;
  seconds: number;
  /** Requests or batch items answered with ok: false, or not answered. */
  failures: number;
  firstFailure: string | undefined;
  /** Messages the consumer received on dx.data.<contract>.v1.> from the first request until it had them all. */
  delivered: number;
  /** From the first request until the consumer had every event; undefined when some never came. */
  deliveredSeconds: number | undefined;
}

/** One-event requests sent on a fixed schedule, whatever the replies do. */
export interface OpenLoopCommand {
  kind: 'open-loop';
  subject: string;
  run: string;
  seed: number;
  keys: number;
  rate: number;
  seconds: number;
  /** Sent first on the same schedule and not recorded. */
  warmupSeconds: number;
}

export interface LatencySummary {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

export interface OpenLoopResult {
  kind: 'open-loop';
  sent: number;
  /** Requests per second actually sent over the recorded part. */
  offeredRate: number;
  failures: number;
  firstFailure: string | undefined;
  /** Milliseconds from sending a request to its reply. */
  ack: LatencySummary;
  /** Milliseconds from sending a request to its event arriving on dx.data.<contract>.v1.<key>. */
  deliver: LatencySummary;
  /** Milliseconds the sends were late on their schedule (the producer's own lag). */
  lag: LatencySummary;
}

export type ProducerCommand = ClosedLoopCommand | OpenLoopCommand;
export type ProducerResult = ClosedLoopResult | OpenLoopResult;

export type ProducerProcess = WorkerProcess<ProducerCommand, ProducerResult>;
