/** The parts of a refusal's details a person acts on, one line each: problems, gaps, differences, changes. */
export function detailLines(detail: unknown): string[] {
  const details = (detail as { details?: Record<string, unknown> } | undefined)?.details;
  if (!details) return [];
  const lines: string[] = [];
  for (const p of list(details.problems))
    lines.push(`${[p.contract, p.version].filter(Boolean).join(' ')}: ${String(p.message)}`);
  for (const g of list(details.gaps)) lines.push(`${String(g.pointer) || '/'}: ${String(g.message)}`);
  for (const d of list(details.differences)) {
    lines.push(`${String(d.pointer) || '/'}: ${JSON.stringify(d.before)} -> ${JSON.stringify(d.after)}`);
  }
  for (const a of list(details.against)) {
    for (const c of list(a.changes))
      lines.push(`against ${String(a.version)}: ${String(c.type)} at ${String(c.path)}`);
  }
  if (Array.isArray(details.consumers)) lines.push(`consumers: ${details.consumers.join(', ')}`);
  return lines;
}

function list(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
}
