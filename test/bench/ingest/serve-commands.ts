/**
 * The child side of fork-worker.ts: says `ready`, answers each command from the benchmark with one
 * message, and when the benchmark goes away (the IPC channel closes, however it ended) cleans up and
 * exits, so no worker outlives a run.
 */
export function serveCommands<Command, Result>(
  handle: (command: Command) => Promise<Result>,
  close: () => Promise<void>,
): void {
  const send = (message: object) => process.send!(message);
  process.on('message', (command: Command) => {
    handle(command).then(
      (result) => send({ result: result as object }),
      (error: unknown) =>
        send({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    );
  });
  process.once('disconnect', () => {
    const timer = setTimeout(() => process.exit(0), 3000);
    timer.unref();
    void close().finally(() => process.exit(0));
  });
  send({ ready: true });
}
