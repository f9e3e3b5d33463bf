/** The gateway's HTTP API as an OpenAPI 3.1 document, written out by hand: it is small, and exact. */
const error = {
  type: 'object',
  required: ['ok', 'error'],
  properties: {
    ok: { const: false },
    error: {
      type: 'object',
      required: ['code', 'message', 'details'],
      properties: {
        code: { type: 'string', examples: ['PAYLOAD_INVALID'] },
        message: { type: 'string' },
        details: {
          type: 'object',
          description: 'What was wrong: field or JSON pointer, rule, expected value.',
        },
      },
    },
  },
};

const stored = {
  type: 'object',
  required: ['ok', 'position', 'streamPosition', 'duplicate'],
  properties: {
    ok: { const: true },
    position: { type: 'integer', description: 'Global position.' },
    streamPosition: { type: 'integer', description: 'Position in the stream (contract, key).' },
    duplicate: { type: 'boolean', description: 'A repeat of a stored message id: nothing new was stored.' },
  },
};

const envelope = {
  type: 'object',
  properties: {
    position: { type: 'integer' },
    streamPosition: { type: 'integer' },
    contract: { type: 'string' },
    version: { type: 'string' },
    key: { type: 'string' },
    producer: { type: 'string' },
    msgId: { type: 'string' },
    recordedAt: { type: 'string', format: 'date-time' },
    hash: { type: 'string' },
    data: { type: 'object' },
  },
};

const header = (name: string, description: string, required = false) => ({
  name,
  in: 'header',
  required,
  description,
  schema: { type: 'string' },
});

export const OPENAPI_DOCUMENT = {
  openapi: '3.1.0',
  info: {
    title: 'DX Hub gateway',
    version: '1.0.0',
    description:
      'Publish contracted data and read latest values over HTTP. The same operations exist on NATS; see docs/wire-protocol.md.',
  },
  components: {
    securitySchemes: {
      bearer: {
        type: 'http',
        scheme: 'bearer',
        description: "The caller's token: the producer of a publish, the reader of a latest value.",
      },
    },
  },
  paths: {
    '/api/v1/data/{contract}': {
      post: {
        summary: 'Publish one message, or a batch (a JSON array), to a contract the caller owns',
        security: [{ bearer: [] }],
        parameters: [
          {
            name: 'contract',
            in: 'path',
            required: true,
            schema: { type: 'string', examples: ['scada.reactor-telemetry'] },
          },
          header(
            'dx-version',
            'Full version of the schema the payload follows (active or deprecated).',
            true,
          ),
          header('dx-msg-id', 'Idempotency id; item i of a batch gets <id>:<i>.', true),
          header('dx-key', "The asset; otherwise read from the payload at the contract's key pointer."),
          header('dx-expected-position', 'Optimistic concurrency for a single message.'),
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: { oneOf: [{ type: 'object' }, { type: 'array', items: { type: 'object' } }] },
            },
          },
        },
        responses: {
          200: {
            description: 'Stored after the commit (a batch answers each item in order).',
            content: {
              'application/json': {
                schema: {
                  oneOf: [
                    stored,
                    {
                      type: 'object',
                      properties: {
                        ok: { const: true },
                        results: { type: 'array', items: { oneOf: [stored, error] } },
                      },
                    },
                  ],
                },
              },
            },
          },
          401: {
            description: 'No or unknown bearer token.',
            content: { 'application/json': { schema: error } },
          },
          403: {
            description: 'The caller does not own the contract.',
            content: { 'application/json': { schema: error } },
          },
          404: {
            description: 'Unknown contract or version.',
            content: { 'application/json': { schema: error } },
          },
          409: {
            description: 'The stream is not at the expected position.',
            content: { 'application/json': { schema: error } },
          },
          422: {
            description: 'The payload or a header is refused; details name each failing field.',
            content: { 'application/json': { schema: error } },
          },
        },
      },
    },
    '/api/v1/data/{contract}/{key}': {
      get: {
        summary: 'The latest event of a contract for a key',
        description:
          "Only for the contract's owner, its registered consumers (any major), architects and the hub.",
        security: [{ bearer: [] }],
        parameters: [
          { name: 'contract', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'key', in: 'path', required: true, schema: { type: 'string', examples: ['R101'] } },
        ],
        responses: {
          200: {
            description: 'The latest event.',
            content: {
              'application/json': {
                schema: { type: 'object', properties: { ok: { const: true }, event: envelope } },
              },
            },
          },
          401: {
            description: 'No bearer token, or one this hub does not know.',
            content: { 'application/json': { schema: error } },
          },
          403: {
            description: 'READ_FORBIDDEN: the caller may not read this contract.',
            content: { 'application/json': { schema: error } },
          },
          404: {
            description: 'Nothing stored for this key, or no such contract.',
            content: { 'application/json': { schema: error } },
          },
        },
      },
    },
    '/health': {
      get: {
        summary: 'Whether PostgreSQL and NATS answer (and the registry, reported only)',
        responses: { 200: { description: 'ok' }, 503: { description: 'unavailable' } },
      },
    },
    '/health/live': {
      get: {
        summary: 'Whether the process answers at all (for liveness probes; checks no server)',
        responses: { 200: { description: '{"status":"alive"}' } },
      },
    },
    '/metrics': {
      get: {
        summary: 'Prometheus metrics',
        responses: { 200: { description: 'text/plain; version=0.0.4' } },
      },
    },
  },
} as const;
