/** Every leaf command with its options, so that `dx --help` alone documents the whole command line. */
import type { Command } from 'commander';

export function commandReference(program: Command): string {
  const lines = ['', 'Every command:'];
  const walk = (command: Command, path: string[]) => {
    const visible = command.commands.filter((c) => c.name() !== 'help');
    if (visible.length === 0 && command !== program) {
      lines.push(`  dx ${path.join(' ')} ${command.usage()}`.trimEnd(), `      ${command.description()}`);
      for (const option of command.options)
        lines.push(`      ${option.flags.padEnd(20)} ${option.description}`);
    }
    for (const child of visible) walk(child, [...path, child.name()]);
  };
  walk(program, []);
  return lines.join('\n');
}
