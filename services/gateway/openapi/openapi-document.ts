/** The gateway's HTTP API as an OpenAPI 3.1 document, written out by hand: it is small, and exact. */
import { ERROR_SCHEMA, OPERATIONS_PATHS } from '../../common/http/operations-openapi.js';

const error = ERROR_SCHEMA;

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

const query = (
  name: string,
  description: string,
  schema: Record<string, unknown> = { type: 'string' },
  required = false,
) => ({
  name,
  in: 'query',
  required,
  description,
  schema,
});

const path = (name: string, examples?: string[]) => ({
  name,
  in: 'path',
  required: true,
  schema: { type: 'string', ...(examples ? { examples } : {}) },
});

const errorAnswer = (description: string) => ({
  description,
  content: { 'application/json': { schema: error } },
});

const readErrors = {
  401: errorAnswer('No bearer token, or one this hub does not know.'),
  403: errorAnswer('READ_FORBIDDEN: the caller may not read the contract.'),
  404: errorAnswer('No such contract, asset, signal or event.'),
  422: errorAnswer(
    'BAD_ARGUMENT: a query parameter is refused; details name it, the rule and what was expected.',
  ),
};

const instant = [
  query('at', 'ISO 8601 time: the plant as it stood then (default: now), on the event timeline.', {
    type: 'string',
    format: 'date-time',
  }),
  query('knownAt', 'ISO 8601 time: only what the hub had recorded by then.', {
    type: 'string',
    format: 'date-time',
  }),
];

const historyQuery = [
  query('from', 'ISO 8601 start (inclusive).', { type: 'string', format: 'date-time' }, true),
  query('to', 'ISO 8601 end (exclusive).', { type: 'string', format: 'date-time' }, true),
  query(
    'bucket',
    'Bucket width: 1s, 10s, 1m, 5m, 15m, 1h, 1d (default 1m); at most DX_HISTORY_MAX_BUCKETS buckets.',
  ),
  query('timeline', 'event (default) or recorded.', { enum: ['event', 'recorded'] }),
  query('knownAt', 'Event timeline: only what the hub had recorded by then.', {
    type: 'string',
    format: 'date-time',
  }),
  query('unit', "A UCUM unit to convert to (refused unless convertible from the field's)."),
];

const historyAnswer = {
  description: 'Buckets {start, count, min, max, mean, first, last} of the field, in the unit asked for.',
};

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
          401: errorAnswer('No or unknown bearer token.'),
          403: errorAnswer('The caller does not own the contract.'),
          404: errorAnswer('Unknown contract or version.'),
          409: errorAnswer('The stream is not at the expected position.'),
          422: errorAnswer('The payload or a header is refused; details name each failing field.'),
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
          query(
            'timeline',
            'recorded (default): the last event recorded; event: the one with the newest event time, corrections applied.',
            { enum: ['event', 'recorded'] },
          ),
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
          401: errorAnswer('No bearer token, or one this hub does not know.'),
          403: errorAnswer('READ_FORBIDDEN: the caller may not read this contract.'),
          404: errorAnswer('Nothing stored for this key, or no such contract.'),
        },
      },
    },
    '/': {
      get: {
        summary: 'Leads to the console (302 to DX_CONSOLE_URL or the console port on this host)',
        responses: { 302: { description: 'Location: the console.' } },
      },
    },
    '/docs': {
      get: {
        summary: 'This API for people, with links to every API description of the hub',
        responses: { 200: { description: 'text/html' } },
      },
    },
    '/docs/openapi.json': {
      get: {
        summary: 'This document (OpenAPI 3.1)',
        responses: { 200: { description: 'application/json' } },
      },
    },
    '/api/v1/history/{contract}': {
      get: {
        summary: "A numeric field's value at an instant, for every key of the contract (dx history at)",
        security: [{ bearer: [] }],
        parameters: [
          path('contract', ['scada.reactor-telemetry']),
          query('field', 'JSON pointer of a numeric field, e.g. /temperature.', { type: 'string' }, true),
          query(
            'at',
            'ISO 8601 instant: per key, the latest sample at or before it on the timeline.',
            { type: 'string', format: 'date-time' },
            true,
          ),
          query('key', 'Only this key.'),
          query('timeline', 'event (default) or recorded.', { enum: ['event', 'recorded'] }),
          query('knownAt', 'Event timeline: only what the hub had recorded by then.', {
            type: 'string',
            format: 'date-time',
          }),
          query('unit', "A UCUM unit to convert to (refused unless convertible from the field's)."),
        ],
        responses: {
          200: { description: '{ok, at, timeline, unit, values: [{key, at, value}]}, by key.' },
          ...readErrors,
        },
      },
    },
    '/api/v1/history/{contract}/{key}': {
      get: {
        summary: "A numeric field's history in time buckets (dx history)",
        security: [{ bearer: [] }],
        parameters: [
          path('contract', ['scada.reactor-telemetry']),
          path('key', ['R101']),
          query('field', 'JSON pointer of a numeric field, e.g. /temperature.', { type: 'string' }, true),
          ...historyQuery,
        ],
        responses: { 200: historyAnswer, ...readErrors },
      },
    },
    '/api/v1/assets': {
      get: {
        summary: "The plant's asset tree (ISA-95: enterprise, site, area, unit, equipment)",
        security: [{ bearer: [] }],
        parameters: instant,
        responses: { 200: { description: '{ok, at, tree: [asset with children]}' }, ...readErrors },
      },
    },
    '/api/v1/assets/{id}': {
      get: {
        summary: "An asset: its design data, children and its signals' values at the instant",
        security: [{ bearer: [] }],
        parameters: [path('id', ['R101']), ...instant],
        responses: { 200: { description: '{ok, at, asset: {..., children, signals}}' }, ...readErrors },
      },
    },
    '/api/v1/assets/{id}/signals': {
      get: {
        summary:
          "An asset's signals with their values at the instant (forbidden: true where the caller may not read the contract)",
        security: [{ bearer: [] }],
        parameters: [path('id', ['R101']), ...instant],
        responses: { 200: { description: '{ok, at, asset, signals}' }, ...readErrors },
      },
    },
    '/api/v1/assets/{id}/history/{signal}': {
      get: {
        summary:
          "A signal's history by its name on the asset (a history query on its contract, key and field)",
        security: [{ bearer: [] }],
        parameters: [path('id', ['R101']), path('signal', ['temperature']), ...historyQuery],
        responses: { 200: historyAnswer, ...readErrors },
      },
    },
    '/api/v1/lineage/{position}': {
      get: {
        summary: 'Where a derived event came from: a tree back to the measurements (dx lineage)',
        description:
          "Only for readers of the event's contract (its owner, consumers, architects, the hub). Inputs from contracts the caller may not read are listed with hidden: true and no events.",
        security: [{ bearer: [] }],
        parameters: [
          { name: 'position', in: 'path', required: true, schema: { type: 'integer', minimum: 0 } },
          {
            name: 'events',
            in: 'query',
            description: 'Events shown per run of inputs (1 to 20, default 3).',
            schema: { type: 'integer', minimum: 1, maximum: 20 },
          },
          {
            name: 'depth',
            in: 'query',
            description: 'Steps back at most (1 to 16, default 8).',
            schema: { type: 'integer', minimum: 1, maximum: 16 },
          },
        ],
        responses: {
          200: {
            description:
              '{ok: true, lineage: {position, contract, version, key, producer, recordedAt, origin, madeBy?, inputs: [{role, contract, key, fromPosition, toPosition, count, events, more, hidden?}], truncated?}}',
          },
          401: errorAnswer('No or unknown bearer token.'),
          403: errorAnswer("READ_FORBIDDEN: the caller may not read the event's contract."),
          404: errorAnswer('No event at this position.'),
          422: errorAnswer('BAD_ARGUMENT: events or depth out of range.'),
        },
      },
    },
    ...OPERATIONS_PATHS,
    '/health': {
      get: {
        summary: 'Whether PostgreSQL and NATS answer (and the registry, reported only)',
        responses: { 200: { description: 'ok' }, 503: { description: 'unavailable' } },
      },
    },
  },
} as const;
