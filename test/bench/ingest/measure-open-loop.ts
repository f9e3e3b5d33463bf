/** The fixed-rate section: the producer process sends on schedule and reports the latencies it saw. */
import type { CpuMeter } from './cpu-meter.js';
import type { OpenLoopCommand, OpenLoopResult, ProducerProcess } from './producer-commands.js';
import { describeCpu } from './section.js';

export async function measureOpenLoop(
  producer: ProducerProcess,
  meter: CpuMeter,
  command: OpenLoopCommand,
): Promise<{ result: OpenLoopResult; line: string }> {
  const stop = meter.start();
  const result = (await producer.run(command)) as OpenLoopResult;
  const cpu = stop();
  if (result.failures > 0) {
    throw new Error(
      `open loop: ${result.failures} requests not stored, the first because ${result.firstFailure}`,
    );
  }
  const ms = (s: { p50: number; p99: number; max: number }) =>
    `p50 ${s.p50.toFixed(2)} ms, p99 ${s.p99.toFixed(2)} ms, max ${s.max.toFixed(1)} ms`;
  const line = [
    `${`gateway at ${command.rate.toLocaleString('en-US')} requests/s`.padEnd(30)} ${result.sent.toLocaleString('en-US').padStart(9)} requests in ${command.seconds.toFixed(2).padStart(6)} s`,
    `offered ${Math.round(result.offeredRate).toLocaleString('en-US')}/s`,
    describeCpu(cpu),
    `ack ${ms(result.ack)}`,
    `delivery ${ms(result.deliver)} (${result.deliver.count.toLocaleString('en-US')} received)`,
    `send lag p99 ${result.lag.p99.toFixed(2)} ms`,
  ].join('  |  ');
  return { result, line };
}
