/**
 * A TCP proxy in front of a real server, so a test can make that server "go away" for the process under
 * test in the ways networks do:
 * - stop(): refuse new connections and cut the open ones; start() listens again on the same port;
 * - stallOpen(): the open connections stop answering for good (half-open: the server's replies and the
 *   client's requests go nowhere, nobody is told), while new connections work;
 * - stall(): the same for the open connections and for every new one until resume();
 * - muteReplies(): the open connections still carry the client's requests to the server, but the
 *   server's answers are dropped (a commit that happens, whose answer never arrives);
 * - pauseReading(): stop reading what the server sends, on every connection, as a client whose event
 *   loop is stuck would: the server's socket buffers fill, then its own (a slow consumer), and
 *   nothing is lost until the server gives up on it; resumeReading() goes on.
 */
import net from 'node:net';

export interface TcpProxy {
  readonly port: number;
  stop(): Promise<void>;
  start(): Promise<void>;
  stallOpen(): void;
  stall(): void;
  resume(): void;
  muteReplies(): void;
  pauseReading(): void;
  resumeReading(): void;
  /** Connections open right now. */
  readonly connections: number;
}

type Mode = 'open' | 'dead' | 'muted';

interface Pair {
  client: net.Socket;
  upstream: net.Socket;
  mode: Mode;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const pairs = new Set<Pair>();
  let stalled = false;
  let readingPaused = false;
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    const pair: Pair = { client, upstream, mode: stalled ? 'dead' : 'open' };
    pairs.add(pair);
    for (const socket of [client, upstream]) socket.on('error', () => undefined);
    // Not pipe(): the mode decides, chunk by chunk, what gets through.
    client.on('data', (chunk) => {
      if (pair.mode !== 'dead' && !upstream.destroyed) upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (pair.mode === 'open' && !client.destroyed) client.write(chunk);
    });
    if (readingPaused) upstream.pause();
    const close = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', close);
    upstream.on('close', close);
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  await listen(0);
  const port = (server.address() as net.AddressInfo).port;
  const setOpen = (mode: Mode) => {
    for (const pair of pairs) if (pair.mode === 'open') pair.mode = mode;
  };
  return {
    port,
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const pair of pairs) {
        pair.client.destroy();
        pair.upstream.destroy();
      }
      await closed;
    },
    start: () => listen(port),
    stallOpen: () => setOpen('dead'),
    stall() {
      stalled = true;
      setOpen('dead');
    },
    resume() {
      stalled = false;
    },
    muteReplies: () => setOpen('muted'),
    pauseReading() {
      readingPaused = true;
      for (const pair of pairs) pair.upstream.pause();
    },
    resumeReading() {
      readingPaused = false;
      for (const pair of pairs) pair.upstream.resume();
    },
    get connections() {
      return pairs.size;
    },
  };
}
