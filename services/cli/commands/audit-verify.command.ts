/** `dx audit verify`: recomputes the hash chain and reports every event altered behind the hub's back. */
import type { Command } from 'commander';
import type { ChainProblem } from '../../common/audit/audit.types.js';
import { verifyChain } from '../../common/audit/verify-chain.js';
import { EXIT } from '../exit-codes.js';
import { openDatabase } from '../open-database.js';
import { parseContractId, parseIsoDate } from '../parse-options.js';
import { ProgressBar } from '../progress-bar.js';

interface VerifyOptions {
  contract?: string;
  from?: Date;
  to?: Date;
  json?: boolean;
}

export function registerAuditVerify(program: Command): void {
  const audit = program.command('audit').description('tamper evidence');
  audit
    .command('verify')
    .description(
      'check that no stored event was edited, deleted or reordered; prints each problem ' +
        '(global position, stream, stream position, what is wrong) and exits 1 if there is any',
    )
    .option('--contract <id>', 'only this contract', parseContractId)
    .option('--from <iso>', 'only events recorded at or after this time', parseIsoDate)
    .option('--to <iso>', 'only events recorded before this time', parseIsoDate)
    .option('--json', 'print problems and the summary as NDJSON')
    .action(async (options: VerifyOptions) => {
      const { db } = await openDatabase();
      const progress = ProgressBar.enabled() ? new ProgressBar('checked', null) : null;
      try {
        const started = Date.now();
        const report = await verifyChain(
          db,
          { contractId: options.contract, from: options.from, to: options.to },
          (problem) => console.log(options.json ? JSON.stringify(problem) : formatProblem(problem)),
          (events) => progress?.update(events),
        );
        progress?.finish(report.events);
        const seconds = (Date.now() - started) / 1000;
        const summary = {
          events: report.events,
          streams: report.streams,
          problems: report.problems.length,
          seconds,
        };
        console.log(options.json ? JSON.stringify({ summary }) : formatSummary(summary));
        process.exitCode = report.problems.length > 0 ? EXIT.found : EXIT.ok;
      } finally {
        await db.destroy();
      }
    });
}

function formatProblem(p: ChainProblem): string {
  const position = p.position === null ? 'position -' : `position ${p.position}`;
  return `${p.kind.toUpperCase()}  ${position}  stream ${p.contract}/${p.key}  stream position ${p.streamPosition}: ${p.detail}`;
}

function formatSummary(s: { events: number; streams: number; problems: number; seconds: number }): string {
  const checked = `checked ${s.events.toLocaleString('en')} events in ${s.streams.toLocaleString('en')} streams in ${s.seconds.toFixed(1)} s`;
  return s.problems === 0 ? `${checked}: no problems found` : `${checked}: ${s.problems} problem(s) found`;
}
