/** One timed section of the ingest benchmark and its printed line: count, rate, and who spent the CPU. */
import { grouped } from '../store/measurement.js';
import type { CpuSeconds } from './cpu-meter.js';

export interface Section {
  label: string;
  events: number;
  seconds: number;
  perSecond: number;
  cpu: CpuSeconds;
  notes: string[];
}

/** The order processes are listed in; one that spent under 0.05 s is left out. */
const PROCESSES = ['gateway', 'postgres', 'nats', 'producers', 'responder', 'bench'];

export function describeSection(section: Section): string {
  return [
    `${section.label.padEnd(30)} ${grouped(section.events).padStart(9)} events in ${section.seconds.toFixed(2).padStart(6)} s`,
    `${grouped(Math.round(section.perSecond)).padStart(7)} events/s`,
    describeCpu(section.cpu),
    ...section.notes,
  ].join('  |  ');
}

export function describeCpu(cpu: CpuSeconds): string {
  const spent = PROCESSES.filter((name) => (cpu[name] ?? 0) >= 0.05).map(
    (name) => `${name} ${cpu[name]!.toFixed(1)}`,
  );
  return `cpu s: ${spent.join(', ')}`;
}
