/** The fault suite's table: one row per fault, lost and duplicated as "store / subscriber". */
import type { FaultRow } from './tally.js';

export function faultTable(rows: FaultRow[]): string {
  const header = [
    'fault',
    'acked',
    'stored',
    'refused',
    'unanswered',
    'lost',
    'duplicated',
    'received',
    'out of order',
    'crashed',
    'slowest ack',
  ];
  const lines = rows.map((r) => [
    r.fault,
    String(r.acked),
    String(r.stored),
    String(r.refused),
    String(r.unanswered),
    `${r.lost} / ${r.missedBySubscriber}`,
    `${r.duplicated} / ${r.duplicatedBySubscriber}`,
    String(r.received),
    String(r.outOfOrder),
    String(r.crashed),
    `${(r.slowestAckMs / 1000).toFixed(1)} s`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const row = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  return [
    row(header),
    `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`,
    ...lines.map(row),
    '',
    'lost and duplicated: store / subscriber',
  ].join('\n');
}
