/**
 * A built script of the benchmark as a child Node process with an IPC channel: it says `ready` once
 * it is connected, then answers each command with one message. Its own process, so that the load it
 * makes does not share an event loop with what it measures.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface WorkerProcess<Command, Result> {
  readonly pid: number;
  run(command: Command): Promise<Result>;
  stop(): Promise<void>;
}

type Reply<Result> = { ready: true } | { result: Result } | { error: string };

export async function forkWorker<Command, Result>(
  script: string,
  args: string[],
): Promise<WorkerProcess<Command, Result>> {
  const child = fork(fileURLToPath(new URL(script, import.meta.url)), args, { stdio: 'inherit' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await nextReply<Result>(child);
  let queue = Promise.resolve();
  return {
    pid: child.pid!,
    run(command) {
      // One command at a time: each answer is the reply to the command before it.
      const answer = queue.then(() => {
        const reply = nextReply<Result>(child);
        child.send(command as object);
        return reply;
      });
      queue = answer.then(
        () => undefined,
        () => undefined,
      );
      return answer.then((reply) => (reply as { result: Result }).result);
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.disconnect();
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

function nextReply<Result>(child: ChildProcess): Promise<Reply<Result>> {
  return new Promise((resolve, reject) => {
    const onMessage = (reply: Reply<Result>) => {
      child.off('exit', onExit);
      if ('error' in reply) reject(new Error(`worker ${child.pid}: ${reply.error}`));
      else resolve(reply);
    };
    const onExit = (code: number | null) => {
      child.off('message', onMessage);
      reject(new Error(`worker ${child.pid} exited (${code}) before it answered`));
    };
    child.once('message', onMessage);
    child.once('exit', onExit);
  });
}
