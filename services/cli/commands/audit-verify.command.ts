/**
 * `dx audit verify`: recomputes the hash chain and reports every event altered behind the hub's back;
 * with --anchor, also recomputes the digest of an anchor (a file kept outside, or every anchor in
 * dx.anchors) and reports what differs from it.
 */
import { readFileSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import type { Anchor, AnchorCheck, AnchorDifference } from '../../common/audit/anchor.types.js';
import { parseAnchorDocument } from '../../common/audit/anchor-document.js';
import type { ChainProblem } from '../../common/audit/audit.types.js';
import { checkAnchor, checkRecordedAnchors } from '../../common/audit/check-anchor.js';
import { verifyChain } from '../../common/audit/verify-chain.js';
import { describeError } from '../../common/errors/describe-error.js';
import { CliFailure, EXIT } from '../exit-codes.js';
import { openDatabase } from '../open-database.js';
import { parseContractId, parseIsoDate } from '../parse-options.js';
import { ProgressBar } from '../progress-bar.js';

interface VerifyOptions {
  contract?: string;
  from?: Date;
  to?: Date;
  json?: boolean;
  /** A file, or true: every anchor recorded in dx.anchors. */
  anchor?: string | true;
}

interface Summary {
  events: number;
  streams: number;
  problems: number;
  seconds: number;
  anchors?: { checked: number; intact: number; source: 'file' | 'database' };
  note?: string;
}

const DATABASE_ONLY_NOTE =
  'anchors kept only in dx.anchors prove less than copies kept outside: whoever can rewrite dx.events ' +
  'can rewrite dx.anchors too. Check a copy with --anchor FILE.';

export function registerAuditVerify(audit: Command): void {
  audit
    .command('verify')
    .description(
      'check that no stored event was edited, deleted or reordered; prints each problem ' +
        '(global position, stream, stream position, what is wrong) and exits 1 if there is any',
    )
    .option('--contract <id>', 'only this contract', parseContractId)
    .option('--from <iso>', 'only events recorded at or after this time', parseIsoDate)
    .option('--to <iso>', 'only events recorded before this time', parseIsoDate)
    .option(
      '--anchor [file]',
      'also check the whole store against the anchor in FILE (from dx audit anchor), or without FILE ' +
        'against every anchor recorded in dx.anchors; names the streams that differ',
    )
    .option('--json', 'print problems and the summary as NDJSON')
    .action(async (options: VerifyOptions) => {
      if (options.anchor !== undefined && (options.contract || options.from || options.to)) {
        throw new InvalidArgumentError(
          '--anchor checks the whole store: it does not go with --contract, --from or --to',
        );
      }
      const fromFile = typeof options.anchor === 'string' ? readAnchorFile(options.anchor) : null;
      const print = (line: unknown, text: string) => console.log(options.json ? JSON.stringify(line) : text);
      const { db } = await openDatabase();
      const progress = ProgressBar.enabled() ? new ProgressBar('checked', null) : null;
      try {
        const started = Date.now();
        const report = await verifyChain(
          db,
          { contractId: options.contract, from: options.from, to: options.to },
          (problem) => print(problem, formatProblem(problem)),
          (events) => progress?.update(events),
        );
        progress?.finish(report.events);
        const onCheck = (check: AnchorCheck) => {
          for (const difference of check.differences)
            print(differenceLine(check, difference), formatDifference(check, difference));
          print({ anchorCheck: checkLine(check) }, formatCheck(check, options.anchor));
        };
        let checks: AnchorCheck[] = [];
        if (fromFile) {
          checks = [await checkAnchor(db, fromFile, 'file')];
          onCheck(checks[0]!);
        } else if (options.anchor === true) {
          checks = await checkRecordedAnchors(db, onCheck);
        }

        const mismatches = checks.reduce((n, c) => n + c.differences.length, 0);
        const summary: Summary = {
          events: report.events,
          streams: report.streams,
          problems: report.problems.length + mismatches,
          seconds: (Date.now() - started) / 1000,
        };
        if (options.anchor !== undefined) {
          const source = fromFile ? 'file' : 'database';
          summary.anchors = { checked: checks.length, intact: checks.filter((c) => c.intact).length, source };
          if (source === 'database') summary.note = DATABASE_ONLY_NOTE;
        }
        print({ summary }, formatSummary(summary));
        process.exitCode = summary.problems > 0 ? EXIT.found : EXIT.ok;
      } finally {
        await db.destroy();
      }
    });
}

/** A file that cannot be read or is not an anchor is a bad argument (exit 2), found before any work. */
function readAnchorFile(file: string): Anchor {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliFailure(`--anchor: cannot read ${file}: ${describeError(error)}`, EXIT.usage);
  }
  try {
    return parseAnchorDocument(text);
  } catch (error) {
    throw new CliFailure(`--anchor ${file}: ${describeError(error)}`, EXIT.usage);
  }
}

function formatProblem(p: ChainProblem): string {
  const position = p.position === null ? 'position -' : `position ${p.position}`;
  return `${p.kind.toUpperCase()}  ${position}  stream ${p.contract}/${p.key}  stream position ${p.streamPosition}: ${p.detail}`;
}

function anchorName(check: AnchorCheck): string {
  return `anchor ${check.anchor.id ?? '-'} at global position ${check.anchor.globalPosition}`;
}

function differenceLine(check: AnchorCheck, d: AnchorDifference): Record<string, unknown> {
  return {
    ...d,
    anchor: { id: check.anchor.id, globalPosition: check.anchor.globalPosition, source: check.source },
  };
}

function formatDifference(check: AnchorCheck, d: AnchorDifference): string {
  const stream = d.contract === null ? '' : `  stream ${d.contract}/${d.key}`;
  return `${d.kind.toUpperCase()}  ${anchorName(check)}${stream}: ${d.detail}`;
}

function checkLine(check: AnchorCheck): Record<string, unknown> {
  return { ...check.anchor, source: check.source, foundRoot: check.foundRoot, intact: check.intact };
}

function formatCheck(check: AnchorCheck, option: string | true | undefined): string {
  const from = check.source === 'file' ? `from ${String(option)}` : 'recorded in dx.anchors';
  const verdict = check.intact
    ? `intact (${check.anchor.events.toLocaleString('en')} events in ${check.anchor.streams.toLocaleString('en')} streams, root ${check.anchor.root})`
    : `${check.differences.length} difference(s)`;
  return `${anchorName(check)}, taken ${check.anchor.anchoredAt}, ${from}: ${verdict}`;
}

function formatSummary(s: Summary): string {
  const anchors =
    s.anchors === undefined ? '' : ` and ${s.anchors.checked} anchor(s) (${s.anchors.intact} intact)`;
  const checked = `checked ${s.events.toLocaleString('en')} events in ${s.streams.toLocaleString('en')} streams${anchors} in ${s.seconds.toFixed(1)} s`;
  const verdict =
    s.problems === 0 ? `${checked}: no problems found` : `${checked}: ${s.problems} problem(s) found`;
  const none =
    s.anchors?.source === 'database' && s.anchors.checked === 0
      ? 'no anchor is recorded in dx.anchors (dx audit anchor takes one)\n'
      : '';
  return s.note ? `${none}note: ${s.note}\n${verdict}` : verdict;
}
