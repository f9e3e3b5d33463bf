/**
 * The targets on the 2-core machine (issue 4's, and issue 15's where it set them again: one event a
 * request at 0.4 of raw request/reply now, 0.7 the long-term goal), and the lines that say whether a
 * run meets them.
 */
import { grouped } from '../store/measurement.js';
import type { OpenLoopResult } from './producer-commands.js';
import type { Section } from './section.js';

const TARGETS = {
  singleOfRequestReply: 0.4,
  singleOfRequestReplyGoal: 0.7,
  batchEventsPerSecond: 25_000,
  batchOfCopy: 0.5,
  ackP99Ms: 10,
  deliverP99Ms: 15,
};

export function printVerdicts(figures: {
  requestReply: Section;
  single: Section;
  batch: Section;
  copy: Section;
  /** The fixed-rate section and the rate it offered. */
  fixed: OpenLoopResult;
  rate: number;
}): void {
  const { requestReply, single, batch, copy, fixed, rate } = figures;
  const verdict = (met: boolean) => (met ? 'meets' : 'MISSES');
  const line = (label: string, value: string, target: string, met: boolean) =>
    `${label.padEnd(40)} ${value.padStart(9)}  (target ${target}: ${verdict(met)})`;
  const at = `at ${grouped(rate)}/s`;
  const singleRatio = single.perSecond / requestReply.perSecond;
  const copyRatio = batch.perSecond / copy.perSecond;
  console.log('');
  console.log(
    line(
      'one event a request / raw request/reply',
      singleRatio.toFixed(2),
      `>= ${TARGETS.singleOfRequestReply}, goal ${TARGETS.singleOfRequestReplyGoal}`,
      singleRatio >= TARGETS.singleOfRequestReply,
    ),
  );
  console.log(
    line(
      'batched events/s',
      grouped(Math.round(batch.perSecond)),
      `>= ${grouped(TARGETS.batchEventsPerSecond)}`,
      batch.perSecond >= TARGETS.batchEventsPerSecond,
    ),
  );
  console.log(
    line(
      'batched / raw COPY',
      copyRatio.toFixed(2),
      `>= ${TARGETS.batchOfCopy}`,
      copyRatio >= TARGETS.batchOfCopy,
    ),
  );
  console.log(
    line(
      `ack p99 ${at} (p50 ${fixed.ack.p50.toFixed(2)} ms)`,
      `${fixed.ack.p99.toFixed(2)} ms`,
      `< ${TARGETS.ackP99Ms} ms`,
      fixed.ack.p99 < TARGETS.ackP99Ms,
    ),
  );
  console.log(
    line(
      `delivery p99 ${at} (p50 ${fixed.deliver.p50.toFixed(2)} ms)`,
      `${fixed.deliver.p99.toFixed(2)} ms`,
      `< ${TARGETS.deliverP99Ms} ms`,
      fixed.deliver.p99 < TARGETS.deliverP99Ms,
    ),
  );
}
