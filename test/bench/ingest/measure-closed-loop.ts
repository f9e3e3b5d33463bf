/**
 * A full-load section: an untimed warm-up run, the database settled, then the timed run, both runs in
 * the producer process. Settling after the warm-up, not before it, times the section with the
 * statistics of tables that hold its streams, as a running hub's are: the store's append functions
 * no longer depend on them (they never scan a whole table, migration 2026-12-07T1400), but the rest
 * of the hub's statements are planned by them (docs/benchmarks.md). Any refused or unanswered request
 * fails the benchmark: a rate of partly refused events would mean nothing.
 */
import { grouped } from '../store/measurement.js';
import type { CpuMeter } from './cpu-meter.js';
import type { ClosedLoopCommand, ClosedLoopResult, ProducerProcess } from './producer-commands.js';
import type { Section } from './section.js';

export async function measureClosedLoop(
  producer: ProducerProcess,
  meter: CpuMeter,
  label: string,
  warmup: ClosedLoopCommand,
  timed: ClosedLoopCommand,
  settle: () => Promise<void>,
): Promise<Section> {
  check(label, (await producer.run(warmup)) as ClosedLoopResult);
  await settle();
  const stop = meter.start();
  const result = check(label, (await producer.run(timed)) as ClosedLoopResult);
  const cpu = stop();
  const notes = [
    timed.batchSize === 1
      ? `${timed.concurrency} requests outstanding`
      : `${grouped(result.requests)} requests of ${timed.batchSize}, ${timed.concurrency} outstanding`,
  ];
  if (timed.awaitDeliveries) notes.push(describeDelivery(result));
  return {
    label,
    events: result.events,
    seconds: result.seconds,
    perSecond: result.events / result.seconds,
    cpu,
    notes,
  };
}

function check(label: string, result: ClosedLoopResult): ClosedLoopResult {
  if (result.failures > 0) {
    throw new Error(
      `${label}: ${result.failures} events not stored, the first because ${result.firstFailure}`,
    );
  }
  return result;
}

/** The gateway answers before it delivers: say how far deliveries trailed the acks. */
function describeDelivery(result: ClosedLoopResult): string {
  if (result.deliveredSeconds === undefined) {
    return `only ${grouped(result.delivered)} delivered on v1 within 30 s of the last ack`;
  }
  const rate = Math.round(result.events / result.deliveredSeconds);
  return `all delivered on v1 after ${result.deliveredSeconds.toFixed(2)} s (${grouped(rate)}/s)`;
}
