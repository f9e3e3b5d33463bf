/** The exit codes of `dx`, documented in `dx --help`. */
export const EXIT = {
  ok: 0,
  /** The command ran and found something wrong (audit verify: tampering). */
  found: 1,
  /** Bad arguments: the one-line error says which. */
  usage: 2,
  /** The command could not run: a server unreachable, a query failed. */
  failed: 3,
} as const;

export const EXIT_CODES_HELP = `
Exit codes:
  0  success
  1  the command ran and found problems (audit verify: tampering; contracts: a check failed
     or the registry refused)
  2  bad arguments (a one-line error says which)
  3  the command could not run (database unreachable, query failed)`;

/** A failure that ends the command with one line on stderr and the given exit code. */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failed,
    /** Structured detail (a registry refusal) printed after the line when there is some. */
    readonly detail?: unknown,
  ) {
    super(message);
  }
}
