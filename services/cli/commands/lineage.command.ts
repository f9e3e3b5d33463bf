/**
 * `dx lineage POSITION`: walks from a derived event (a simulation result, a forecast, a health
 * assessment) back to the source events it came from, through the `lineage` each carries, and prints
 * the tree (or JSON). Reads the database directly, as `dx replay` does: an operator's tool.
 */
import type { Command } from 'commander';
import { formatLineage } from '../../common/lineage/format-lineage.js';
import { walkLineage } from '../../common/lineage/walk-lineage.js';
import { CliFailure, EXIT } from '../exit-codes.js';
import { openDatabase } from '../open-database.js';
import { parseNonNegativeInteger } from '../parse-options.js';
import { writeLine } from '../write-line.js';

export function registerLineage(program: Command): void {
  program
    .command('lineage')
    .description('walk from a derived event back to the source events it came from (telemetry)')
    .argument('<position>', 'global position of the event', parseNonNegativeInteger)
    .option(
      '--events <n>',
      'events shown per run of inputs (a training window has many)',
      parseNonNegativeInteger,
      3,
    )
    .option('--depth <n>', 'how many steps back at most', parseNonNegativeInteger, 8)
    .option('--json', 'print the tree as JSON')
    .action(async (position: number, options: { events: number; depth: number; json?: boolean }) => {
      const { db } = await openDatabase();
      try {
        const tree = await walkLineage(db, position, { perRun: options.events, maxDepth: options.depth });
        if (!tree) throw new CliFailure(`there is no event at position ${position}`, EXIT.found);
        const text = options.json ? JSON.stringify(tree, null, 2) : formatLineage(tree).join('\n');
        await writeLine(process.stdout, text);
      } finally {
        await db.destroy();
      }
    });
}
