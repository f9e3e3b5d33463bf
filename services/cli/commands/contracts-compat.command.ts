/**
 * `dx contracts compat OLD.json NEW.json`: may NEW follow OLD under a compatibility mode? One JSON
 * line {"compatible","changes"}; exit 0 compatible, 1 not, 2 bad input. `--pairs FILE` checks many
 * pairs at once for CI: one NDJSON result line per input line, in order.
 */
import { readFile } from 'node:fs/promises';
import { InvalidArgumentError, type Command } from 'commander';
import { DxError } from '../../common/errors/dx-error.js';
import { describeError } from '../../common/errors/describe-error.js';
import {
  COMPATIBILITY_MODES,
  checkCompatibility,
  isSchemaObject,
  parseCompatibilityMode,
  type CompatibilityMode,
  type CompatibilityResult,
} from '../../registry/index.js';
import { CliFailure, EXIT } from '../exit-codes.js';
import { writeLine } from '../write-line.js';

interface CompatOptions {
  mode: CompatibilityMode;
  lenient?: boolean;
  pairs?: string;
}

export function registerContractsCompat(contracts: Command): void {
  contracts
    .command('compat')
    .description(
      'check that the schema NEW may follow OLD; prints {"compatible","changes":[{"type","path","breaking"}]} ' +
        'as one JSON line and exits 0 when compatible, 1 when not, 2 on bad input',
    )
    .argument('[old]', 'the old JSON Schema file')
    .argument('[new]', 'the new JSON Schema file')
    .option('--mode <mode>', `compatibility mode: ${COMPATIBILITY_MODES.join(', ')}`, parseMode, 'BACKWARD')
    .option('--lenient', 'assume a writer with an open content model sends only the properties it declares')
    .option(
      '--pairs <file>',
      'instead: check each NDJSON line {"old","new","mode"} of FILE and print one result line per line',
    )
    .action(async (oldFile: string | undefined, newFile: string | undefined, options: CompatOptions) => {
      const lenient = options.lenient ?? false;
      if (options.pairs !== undefined) {
        if (oldFile !== undefined)
          throw new InvalidArgumentError('give either OLD and NEW files or --pairs FILE');
        process.exitCode = await checkPairs(options.pairs, options.mode, lenient);
        return;
      }
      if (oldFile === undefined || newFile === undefined) {
        throw new InvalidArgumentError('expected OLD.json NEW.json, or --pairs FILE');
      }
      const [oldSchema, newSchema] = [await readJson(oldFile), await readJson(newFile)];
      let result: CompatibilityResult;
      try {
        result = checkCompatibility(oldSchema, newSchema, { mode: options.mode, lenient });
      } catch (error) {
        if (error instanceof DxError) throw new CliFailure(error.message, EXIT.usage);
        throw error;
      }
      await writeLine(process.stdout, JSON.stringify(result));
      process.exitCode = result.compatible ? EXIT.ok : EXIT.found;
    });
}

/** Every line gets its answer on the same line number; a bad line costs that line only (exit 2). */
async function checkPairs(file: string, mode: CompatibilityMode, lenient: boolean): Promise<number> {
  const text = await readText(file);
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  let exitCode: number = EXIT.ok;
  for (const [index, line] of lines.entries()) {
    const outcome = checkPairLine(line.replace(/\r$/, ''), mode, lenient);
    if ('error' in outcome) exitCode = EXIT.usage;
    else if (!outcome.compatible && exitCode === EXIT.ok) exitCode = EXIT.found;
    await writeLine(
      process.stdout,
      JSON.stringify('error' in outcome ? { error: `line ${index + 1}: ${outcome.error}` } : outcome),
    );
  }
  return exitCode;
}

function checkPairLine(
  line: string,
  mode: CompatibilityMode,
  lenient: boolean,
): CompatibilityResult | { error: string } {
  let pair: unknown;
  try {
    pair = JSON.parse(line);
  } catch (error) {
    return { error: `not valid JSON: ${describeError(error)}` };
  }
  if (!isSchemaObject(pair) || pair.old === undefined || pair.new === undefined) {
    return { error: 'expected {"old":schema,"new":schema,"mode":"BACKWARD"}' };
  }
  if (pair.lenient !== undefined && typeof pair.lenient !== 'boolean')
    return { error: 'lenient must be true or false' };
  try {
    return checkCompatibility(pair.old, pair.new, {
      mode: pair.mode === undefined ? mode : parseCompatibilityMode(pair.mode),
      lenient: pair.lenient ?? lenient,
    });
  } catch (error) {
    if (error instanceof DxError) return { error: error.message };
    throw error;
  }
}

function parseMode(value: string): CompatibilityMode {
  try {
    return parseCompatibilityMode(value);
  } catch {
    throw new InvalidArgumentError(`expected one of ${COMPATIBILITY_MODES.join(', ')}`);
  }
}

async function readJson(file: string): Promise<unknown> {
  const text = await readText(file);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliFailure(`${file} is not valid JSON: ${describeError(error)}`, EXIT.usage);
  }
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new CliFailure(`cannot read ${file}: ${describeError(error)}`, EXIT.usage);
  }
}
