/**
 * The registry's review evidence as lines for a terminal: the schema diff, the compatibility report,
 * the documentation check, the transforms and the consumers affected (docs/registry.md#review-evidence).
 */
import type {
  AffectedConsumer,
  CompatibilityReport,
  DocumentationReport,
  ReviewEvidence,
  SchemaDiff,
  TransformsReport,
} from '../registry/index.js';

export function reviewLines(review: ReviewEvidence): string[] {
  const { version } = review;
  const by = version.proposedBy ? `, proposed by ${version.proposedBy} at ${version.proposedAt}` : '';
  return [
    `${review.contract.id} ${version.version}: ${version.status}${by}`,
    ...(version.comment ? [`  comment: ${version.comment}`] : []),
    ...diffLines(review.diff),
    ...compatibilityLines(review.compatibility, version.version),
    ...documentationLines(review.documentation),
    ...transformsLines(review.transforms),
    ...consumerLines(review.consumers),
  ];
}

export function diffLines(diff: SchemaDiff): string[] {
  if (diff.from === null) return [`diff: ${diff.to} is the first version (nothing to compare with)`];
  if (diff.entries.length === 0) return [`diff ${diff.from} -> ${diff.to}: the schemas are the same`];
  return [
    `diff ${diff.from} -> ${diff.to}: ${diff.entries.length} difference(s)`,
    ...diff.entries.map((entry) => {
      const at = entry.pointer || '/';
      if (entry.op === 'added') return `  + ${at}: ${short(entry.after)}`;
      if (entry.op === 'removed') return `  - ${at}: ${short(entry.before)}`;
      return `  ~ ${at}: ${short(entry.before)} -> ${short(entry.after)}`;
    }),
  ];
}

export function compatibilityLines(report: CompatibilityReport, version: string): string[] {
  const head = !report.enforced
    ? `compatibility (${report.mode}): not enforced, ${version} opens its major` +
      (report.against ? `; changes from ${report.against}, as the mode would judge them:` : '')
    : report.compatible
      ? `compatibility (${report.mode}, checked against ${report.checked.join(', ')}): compatible`
      : `compatibility (${report.mode}): BREAKS ${report.failures.map((f) => f.version).join(', ')}`;
  const lines = [head];
  for (const change of report.changes) {
    lines.push(`  ${change.breaking ? 'breaking' : 'ok      '} ${change.type} at ${change.pointer || '/'}`);
  }
  for (const failure of report.failures.filter((f) => f.version !== report.against)) {
    for (const change of failure.changes)
      lines.push(`  breaking against ${failure.version}: ${change.type} at ${change.pointer || '/'}`);
  }
  return lines;
}

export function documentationLines(report: DocumentationReport): string[] {
  if (report.complete) return ['documentation: complete'];
  return [
    `documentation: ${report.gaps.length} gap(s)`,
    ...report.gaps.map((gap) => `  ${gap.pointer || '/'}: ${gap.message}`),
  ];
}

export function transformsLines(report: TransformsReport): string[] {
  const carried = [report.up ? 'up' : '', report.down ? 'down' : ''].filter(Boolean);
  const lines: string[] = [];
  if (carried.length || report.previousLiveMajor !== null) {
    lines.push(
      `transforms: ${carried.length ? carried.join(' and ') : 'none'}` +
        (report.previousLiveMajor === null
          ? ''
          : `; from major ${report.previousLiveMajor}: ${report.fromPrevious ? 'converted' : 'nothing'}, ` +
            `to major ${report.previousLiveMajor}: ${report.toPrevious ? 'converted' : 'nothing'}`),
    );
  }
  return [...lines, ...report.warnings.map((warning) => `warning: ${warning}`)];
}

export function consumerLines(consumers: AffectedConsumer[]): string[] {
  if (consumers.length === 0) return ['consumers: none registered'];
  return [
    'consumers:',
    ...consumers.map(
      (c) => `  ${c.consumer} reads ${c.receives.map((r) => `major ${r.major} (${r.how})`).join(', ')}`,
    ),
  ];
}

/** A value on one line, cut when long: the whole of it is in --json. */
function short(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
