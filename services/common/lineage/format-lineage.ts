/** A lineage tree as indented lines for people: each event, what made it, and its inputs below it. */
import type { LineageNode } from './walk-lineage.js';

export function formatLineage(root: LineageNode): string[] {
  const lines: string[] = [];
  const walk = (node: LineageNode, indent: string) => {
    lines.push(
      `${indent}#${node.position} ${node.contract} ${node.version} ${node.key}: ${node.origin}, by ${node.producer} at ${node.recordedAt}`,
    );
    const made = node.madeBy;
    if (made) {
      const parts: string[] = [];
      const list = (items: unknown, name: (x: Record<string, unknown>) => string) =>
        Array.isArray(items) ? (items as Record<string, unknown>[]).map(name).join(', ') : '';
      const models = list(
        made.models,
        (m) => `${String(m.instance)}=${String(m.model)} ${String(m.version)}`,
      );
      const functions = list(made.functions, (f) => `${String(f.id)} ${String(f.version)}`);
      if (models) parts.push(`models ${models}`);
      if (functions) parts.push(`functions ${functions}`);
      if (made.library) parts.push(`library ${String(made.library)}`);
      const scenario = made.scenario as Record<string, unknown> | undefined;
      if (scenario)
        parts.push(
          `scenario ${scenario.name ? `${String(scenario.name)} v${String(scenario.version)} ` : ''}${String(scenario.hash).slice(0, 12)}`,
        );
      if (parts.length > 0) lines.push(`${indent}  made by ${parts.join('; ')}`);
    }
    for (const input of node.inputs) {
      const range =
        input.fromPosition === input.toPosition
          ? `#${input.fromPosition}`
          : `#${input.fromPosition}..#${input.toPosition}`;
      lines.push(
        `${indent}  ${input.role}: ${input.contract} ${input.key} ${range} (${input.count} event${input.count === 1 ? '' : 's'})`,
      );
      for (const child of input.events) walk(child, `${indent}    `);
      if (input.more > 0) lines.push(`${indent}    … and ${input.more} more`);
    }
    if (node.truncated) lines.push(`${indent}  … (the walk stops here: --depth)`);
  };
  walk(root, '');
  return lines;
}
