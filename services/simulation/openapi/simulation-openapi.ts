/**
 * The simulation's HTTP API (/api/v1/sim) as an OpenAPI 3.1 document, written out by hand as the
 * gateway's and the registry's are: it is small, and exact. GET /docs/openapi.json serves it; GET /docs
 * lists it for people. The same operations are on NATS as dx.sim.<operation> (docs/simulation.md).
 */
import {
  BEARER,
  ERROR_SCHEMA,
  OPERATIONS_PATHS,
  REFUSED_ANSWER,
  jsonAnswer,
  jsonBody,
  pathParameter,
} from '../../common/http/operations-openapi.js';
const guarded = (summary: string, answer: string, extra: Record<string, unknown> = {}) => ({
  summary,
  security: BEARER,
  ...extra,
  responses: {
    '200': jsonAnswer(answer),
    '400': REFUSED_ANSWER,
    '401': REFUSED_ANSWER,
    '503': REFUSED_ANSWER,
  },
});

export const SIMULATION_OPENAPI = {
  openapi: '3.1.0',
  info: {
    title: 'DX Hub simulation',
    version: '1.0.0',
    description:
      'Model scenarios run on request (static, dynamic over a horizon, realtime with a fixed step) by a pool of ' +
      'Python workers, and a library of saved scenarios. Reads need no token; running, starting, stopping and ' +
      'saving need a bearer token. The same operations are on NATS as dx.sim.<operation>.',
  },
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    schemas: {
      Error: ERROR_SCHEMA,
    },
  },
  paths: {
    ...OPERATIONS_PATHS,
    '/api/v1/sim/models': {
      get: {
        summary: 'What the workers can run, and the equipment instances',
        responses: { '200': jsonAnswer('Models') },
      },
    },
    '/api/v1/sim/run': {
      post: guarded('Run a static or dynamic scenario and answer its result', 'The run and its result', {
        requestBody: jsonBody('{scenario, inputs?, publish?, every?, asOf?, id?}'),
      }),
    },
    '/api/v1/sim/start': {
      post: guarded('Start a realtime session', 'The session status', {
        requestBody: jsonBody('{scenario with mode realtime, live?, twin?, id?}'),
      }),
    },
    '/api/v1/sim/stop/{id}': {
      post: guarded('Stop a session or cancel a run, on whichever instance holds it', '{id, stopped}', {
        parameters: [pathParameter('id', 'A session or run id.')],
      }),
    },
    '/api/v1/sim/scenarios': {
      get: { summary: 'The saved scenarios', responses: { '200': jsonAnswer('Scenario summaries') } },
      post: guarded('Save a scenario (a new version when the name exists)', 'The saved version', {
        requestBody: jsonBody('{name, scenario, ...}'),
      }),
    },
    '/api/v1/sim/scenarios/{name}': {
      get: {
        summary: 'A saved scenario, its newest version or ?version=n',
        parameters: [
          pathParameter('name', 'The scenario name.'),
          { name: 'version', in: 'query', required: false, schema: { type: 'integer' } },
        ],
        responses: { '200': jsonAnswer('The saved scenario'), '404': REFUSED_ANSWER },
      },
    },
    '/api/v1/sim/scenarios/{name}/run': {
      post: guarded('Run a saved scenario by name, with overrides', 'The run, or the session when realtime', {
        parameters: [pathParameter('name', 'The scenario name.')],
        requestBody: jsonBody('{version?, inputs?, publish?, ...}'),
      }),
    },
    '/api/v1/sim/status': {
      get: {
        summary: 'The pool, runs and sessions of this instance',
        responses: { '200': jsonAnswer('Status') },
      },
    },
    '/api/v1/sim/status/{id}': {
      get: {
        summary: 'One session or run, on whichever instance holds it',
        parameters: [pathParameter('id', 'A session or run id.')],
        responses: { '200': jsonAnswer('Status'), '404': REFUSED_ANSWER },
      },
    },
    '/docs/openapi.json': {
      get: { summary: 'This document', responses: { '200': jsonAnswer('OpenAPI 3.1') } },
    },
    '/docs': {
      get: {
        summary: 'This API for people, and every API of the hub',
        responses: { '200': { description: 'HTML', content: { 'text/html': {} } } },
      },
    },
  },
};
