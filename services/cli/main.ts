/** Entry of `dx`: runs the program and maps every way it can end to one line and an exit code. */
import { CommanderError, InvalidArgumentError } from 'commander';
import { describeError } from '../common/errors/describe-error.js';
import { CliFailure, EXIT } from './exit-codes.js';
import { createProgram } from './program.js';
import { detailLines } from './detail-lines.js';

// A reader that goes away (dx replay | head) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(EXIT.ok);
  throw error;
});

try {
  await createProgram().parseAsync(process.argv);
} catch (error) {
  process.exitCode = exitCodeFor(error);
}

function exitCodeFor(error: unknown): number {
  if (error instanceof InvalidArgumentError) {
    // Thrown from an action (options that do not go together); commander did not print it.
    console.error(`error: ${error.message}`);
    return EXIT.usage;
  }
  if (error instanceof CommanderError) {
    // Commander already printed its one line (or the help); help and version end with 0.
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (error instanceof CliFailure) {
    console.error(`error: ${error.message}`);
    for (const line of detailLines(error.detail)) console.error(`  ${line}`);
    return error.exitCode;
  }
  console.error(`error: ${describeError(error)}`);
  return EXIT.failed;
}
