/**
 * The registry's HTTP API (/api/v1) as an OpenAPI 3.1 document, written out by hand as the
 * gateway's is: it is small, and exact. GET /api/v1/openapi.json serves it; GET /api/v1/docs (and /docs)
 * lists it for people. docs/registry.md says the same in prose.
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
import { COMPATIBILITY_REPORT, REVIEW_EVIDENCE, SCHEMA_DIFF } from '../review/review-json-schemas.js';

const id = pathParameter('id', 'Contract id, <domain>.<name>.');
const version = pathParameter('version', 'A semantic version, MAJOR.MINOR.PATCH.');
const change = (summary: string, requestBody?: ReturnType<typeof jsonBody>) => ({
  summary,
  security: BEARER,
  parameters: [id, version],
  ...(requestBody ? { requestBody } : {}),
  responses: {
    '200': jsonAnswer('Recorded: {ok, recorded, contract}'),
    '401': REFUSED_ANSWER,
    '403': REFUSED_ANSWER,
    '404': REFUSED_ANSWER,
    '409': REFUSED_ANSWER,
  },
});

export const REGISTRY_OPENAPI = {
  openapi: '3.1.0',
  info: {
    title: 'DX Hub registry',
    version: '1.0.0',
    description:
      'Contracts, their versions and lifecycle, consumers, and the evidence architects review a version on. ' +
      'Reads need no token; changes need a bearer token. The same operations are on NATS as dx.registry.<operation>.',
  },
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    schemas: {
      Error: ERROR_SCHEMA,
      ReviewEvidence: REVIEW_EVIDENCE,
      SchemaDiff: SCHEMA_DIFF,
      CompatibilityReport: COMPATIBILITY_REPORT,
    },
  },
  paths: {
    ...OPERATIONS_PATHS,
    '/api/v1/contracts': {
      get: {
        summary: 'Every contract with its versions, statuses and consumers',
        responses: { '200': jsonAnswer('Contracts', { type: 'array' }) },
      },
      post: {
        summary:
          "Push a contracts folder: the caller's contracts are created and their new versions proposed (all or nothing)",
        security: BEARER,
        requestBody: jsonBody('{contracts: [{descriptor, versions: [{version, schema}], transforms}]}'),
        responses: {
          '201': jsonAnswer('{ok, steps: [{contract, version?, outcome, status?, reason?, evidence?}]}'),
          '401': REFUSED_ANSWER,
          '409': REFUSED_ANSWER,
          '422': REFUSED_ANSWER,
        },
      },
    },
    '/api/v1/contracts/{id}': {
      get: {
        summary: 'One contract',
        parameters: [id],
        responses: { '200': jsonAnswer('The contract'), '404': REFUSED_ANSWER },
      },
    },
    '/api/v1/contracts/{id}/versions': {
      post: {
        summary: 'Propose a version: answers with what was recorded and the review evidence',
        security: BEARER,
        parameters: [id],
        requestBody: jsonBody('{version, schema, transforms?: {up?, down?}, comment?}'),
        responses: {
          '201': jsonAnswer('{ok, recorded, contract, review}'),
          '401': REFUSED_ANSWER,
          '403': REFUSED_ANSWER,
          '409': REFUSED_ANSWER,
          '422': REFUSED_ANSWER,
        },
      },
    },
    '/api/v1/contracts/{id}/versions/{version}/schema': {
      get: {
        summary: "A version's JSON Schema",
        parameters: [id, version],
        responses: { '200': jsonAnswer('The schema'), '404': REFUSED_ANSWER },
      },
    },
    '/api/v1/contracts/{id}/versions/{version}/review': {
      get: {
        summary:
          'The review evidence of a version: schema diff, compatibility report, documentation check, transforms, consumers affected',
        parameters: [id, version],
        responses: {
          '200': jsonAnswer('The evidence', { $ref: '#/components/schemas/ReviewEvidence' }),
          '404': REFUSED_ANSWER,
        },
      },
    },
    '/api/v1/contracts/{id}/review': {
      post: {
        summary: 'The same evidence for a schema not proposed yet (records nothing)',
        parameters: [id],
        requestBody: jsonBody('{version, schema, transforms?}'),
        responses: {
          '200': jsonAnswer('The evidence', { $ref: '#/components/schemas/ReviewEvidence' }),
          '404': REFUSED_ANSWER,
          '422': REFUSED_ANSWER,
        },
      },
    },
    '/api/v1/contracts/{id}/diff': {
      get: {
        summary: 'Two recorded versions compared: schema diff and compatibility report',
        parameters: [
          id,
          { name: 'from', in: 'query', required: true, schema: { type: 'string' } },
          { name: 'to', in: 'query', required: true, schema: { type: 'string' } },
        ],
        responses: {
          '200': jsonAnswer('{contract, diff, compatibility}', {
            type: 'object',
            properties: {
              contract: { type: 'string' },
              diff: { $ref: '#/components/schemas/SchemaDiff' },
              compatibility: { $ref: '#/components/schemas/CompatibilityReport' },
            },
          }),
          '404': REFUSED_ANSWER,
          '422': REFUSED_ANSWER,
        },
      },
    },
    '/api/v1/proposals': {
      get: {
        summary: 'The versions waiting for review, oldest first',
        responses: {
          '200': jsonAnswer('[{contract, owner, version, proposedBy, proposedAt, comment?}]', {
            type: 'array',
          }),
        },
      },
    },
    '/api/v1/contracts/{id}/versions/{version}/approve': {
      post: change('Approve a proposed version (architects); it becomes active', jsonBody('{comment?}')),
    },
    '/api/v1/contracts/{id}/versions/{version}/reject': {
      post: change('Reject a proposed version (architects), with a comment', jsonBody('{comment}')),
    },
    '/api/v1/contracts/{id}/versions/{version}/deprecate': {
      post: change('Deprecate an active version with a sunset date', jsonBody('{sunset, comment?}')),
    },
    '/api/v1/contracts/{id}/versions/{version}/retire': {
      post: change('Retire a deprecated version', jsonBody('{comment?}')),
    },
    '/api/v1/contracts/{id}/majors/{major}/can-retire': {
      get: {
        summary: 'Whether a major may be retired: {canRetire, reasons, consumers}',
        parameters: [id, pathParameter('major', 'A major version number.')],
        responses: { '200': jsonAnswer('The answer'), '404': REFUSED_ANSWER },
      },
    },
    '/api/v1/contracts/{id}/consumers/{consumer}': {
      put: {
        summary: 'Register a consumer and the majors it reads',
        security: BEARER,
        parameters: [id, pathParameter('consumer', 'A subsystem id.')],
        requestBody: jsonBody('{majors: [1, 2]}'),
        responses: {
          '200': jsonAnswer('Recorded'),
          '401': REFUSED_ANSWER,
          '403': REFUSED_ANSWER,
          '404': REFUSED_ANSWER,
        },
      },
      delete: {
        summary: 'Unregister a consumer',
        security: BEARER,
        parameters: [id, pathParameter('consumer', 'A subsystem id.')],
        responses: {
          '200': jsonAnswer('Recorded'),
          '401': REFUSED_ANSWER,
          '403': REFUSED_ANSWER,
          '404': REFUSED_ANSWER,
        },
      },
    },
    '/api/v1/contracts/{id}/owner': {
      post: {
        summary: 'Propose a new owner',
        security: BEARER,
        parameters: [id],
        requestBody: jsonBody('{newOwner, comment?}'),
        responses: { '200': jsonAnswer('Recorded'), '401': REFUSED_ANSWER, '403': REFUSED_ANSWER },
      },
    },
    '/api/v1/contracts/{id}/owner/approve': {
      post: {
        summary: 'Approve the proposed owner (architects)',
        security: BEARER,
        parameters: [id],
        responses: { '200': jsonAnswer('Recorded'), '401': REFUSED_ANSWER, '403': REFUSED_ANSWER },
      },
    },
    '/api/v1/asyncapi.json': {
      get: {
        summary: 'AsyncAPI 3.0 of every live contract version',
        responses: { '200': jsonAnswer('The document') },
      },
    },
    '/api/v1/docs/contracts.html': {
      get: {
        summary: 'The contracts reference for people',
        responses: { '200': { description: 'HTML', content: { 'text/html': {} } } },
      },
    },
    '/api/v1/openapi.json': {
      get: { summary: 'This document', responses: { '200': jsonAnswer('OpenAPI 3.1') } },
    },
    '/api/v1/docs': {
      get: {
        summary: 'This API for people, and every API of the hub',
        responses: { '200': { description: 'HTML', content: { 'text/html': {} } } },
      },
    },
    '/docs': {
      get: {
        summary: 'The same page, where the other services have theirs',
        responses: { '200': { description: 'HTML', content: { 'text/html': {} } } },
      },
    },
  },
} as const;
