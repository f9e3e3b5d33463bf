/**
 * The V8 flags every hub service runs with: the launcher (`npm start`), the benches and the tests
 * pass them to the processes they start, and the container image sets the same in NODE_OPTIONS
 * (deploy/Dockerfile; a test keeps the two equal).
 *
 * A larger young generation (64 MiB semi-spaces instead of 16): the gateway allocates tens of KB per
 * batch it ingests, and with more room most of it dies young instead of being promoted and collected
 * again by the old generation's collector. Measured with bench:ingest: batched ingest 22,000 →
 * 24,700 events/s, gateway CPU per batched event 34 → 30 µs (docs/benchmarks.md). V8 grows the young
 * generation to the limit only under allocation, so an idle service does not pay for it.
 */
export const SERVICE_NODE_ARGS: readonly string[] = ['--max-semi-space-size=64'];
