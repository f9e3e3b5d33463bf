/** What every service answers when it refuses: {ok: false, error: {code, message, details}}. */
export const ERROR_SCHEMA = {
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
} as const;

/** The OpenAPI paths every service serves for operators (HealthModule, MetricsModule). */
export const OPERATIONS_PATHS = {
  '/health': {
    get: {
      summary: 'Whether PostgreSQL and NATS answer',
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
      summary: 'Prometheus metrics (docs/operations.md#metrics)',
      responses: { 200: { description: 'text/plain; version=0.0.4' } },
    },
  },
} as const;

/** The answer of a refusal, pointing at the document's Error schema (components.schemas.Error). */
export const REFUSED_ANSWER = {
  description: 'Refused: {ok: false, error: {code, message, details}}',
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
};

/** A JSON answer. */
export const jsonAnswer = (description: string, schema: Record<string, unknown> = { type: 'object' }) => ({
  description,
  content: { 'application/json': { schema } },
});

/** A required string parameter of the path. */
export const pathParameter = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string' },
});

/** A required JSON object as the request's body. */
export const jsonBody = (description: string) => ({
  required: true,
  content: { 'application/json': { schema: { type: 'object', description } } },
});

/** Operations that take `Authorization: Bearer <token>`. */
export const BEARER = [{ bearer: [] }];
