/**
 * The ceiling for one-event requests: a trivial responder in a Node process of its own that answers
 * every request on SUBJECT at once with a reply shaped like the gateway's, without reading it.
 * Usage (forked by the benchmark): node dist/test/bench/ingest/responder-worker.js NATS_URL SUBJECT
 */
import { connect } from '@nats-io/transport-node';
import { serveCommands } from './serve-commands.js';

const [url, subject] = process.argv.slice(2);
const REPLY = JSON.stringify({ ok: true, position: 1_000_000, streamPosition: 1000, duplicate: false });

const nats = await connect({ servers: url!, name: 'bench-responder' });
nats.subscribe(subject!, {
  callback: (error, msg) => {
    if (!error) msg.respond(REPLY);
  },
});
await nats.flush();

serveCommands(
  () => Promise.reject(new Error('the responder takes no commands')),
  () => nats.close(),
);
