/** JSON Schemas of the review evidence (review.types.ts), for the registry's OpenAPI and AsyncAPI documents. */
const pointer = { type: 'string', description: 'RFC 6901 JSON pointer; "" is the root.' };
const versionStatus = {
  type: 'string',
  enum: ['proposed', 'approved', 'rejected', 'active', 'deprecated', 'retired'],
};
const transition = {
  type: 'object',
  required: ['status', 'by', 'at'],
  properties: {
    status: versionStatus,
    by: { type: 'string' },
    at: { type: 'string', format: 'date-time' },
    comment: { type: 'string' },
  },
};
const change = {
  type: 'object',
  required: ['type', 'pointer', 'breaking'],
  properties: {
    type: {
      type: 'string',
      description: 'A change type of docs/compatibility.md.',
      examples: ['MAXIMUM_DECREASED'],
    },
    pointer,
    breaking: { type: 'boolean', description: "Whether it breaks the contract's compatibility mode." },
  },
};

export const SCHEMA_DIFF = {
  type: 'object',
  required: ['from', 'to', 'before', 'after', 'entries'],
  properties: {
    from: { type: ['string', 'null'], description: 'The older version; null for a first version.' },
    to: { type: 'string' },
    before: { description: 'The whole older schema, or null.' },
    after: { description: 'The whole newer schema.' },
    entries: {
      type: 'array',
      description: "In the newer schema's key order, then what only the older one had.",
      items: {
        type: 'object',
        required: ['pointer', 'op'],
        properties: {
          pointer,
          op: { type: 'string', enum: ['added', 'removed', 'changed'] },
          before: { description: 'The older value (absent when added).' },
          after: { description: 'The newer value (absent when removed).' },
        },
      },
    },
  },
};

export const COMPATIBILITY_REPORT = {
  type: 'object',
  required: ['mode', 'enforced', 'compatible', 'against', 'changes', 'checked', 'failures'],
  properties: {
    mode: { type: 'string', examples: ['BACKWARD'] },
    enforced: {
      type: 'boolean',
      description: 'False for the first version of a major: a new major may break.',
    },
    compatible: { type: 'boolean' },
    against: { type: ['string', 'null'], description: 'The version the changes are listed against.' },
    changes: { type: 'array', items: change },
    checked: { type: 'array', items: { type: 'string' } },
    failures: {
      type: 'array',
      items: {
        type: 'object',
        required: ['version', 'changes'],
        properties: { version: { type: 'string' }, changes: { type: 'array', items: change } },
      },
    },
  },
};

export const REVIEW_EVIDENCE = {
  type: 'object',
  required: [
    'contract',
    'version',
    'previous',
    'diff',
    'compatibility',
    'documentation',
    'transforms',
    'consumers',
  ],
  properties: {
    contract: {
      type: 'object',
      properties: {
        id: { type: 'string' },
        owner: { type: 'string' },
        title: { type: 'string' },
        compatibility: { type: 'string' },
      },
    },
    version: {
      type: 'object',
      required: ['version', 'major', 'status', 'digest', 'history'],
      properties: {
        version: { type: 'string' },
        major: { type: 'integer' },
        status: { type: 'string', description: 'A version status, or "candidate" for a preview.' },
        digest: { type: 'string' },
        proposedBy: { type: 'string' },
        proposedAt: { type: 'string', format: 'date-time' },
        comment: { type: 'string' },
        history: { type: 'array', items: transition },
      },
    },
    previous: {
      type: ['object', 'null'],
      properties: { version: { type: 'string' }, status: versionStatus },
    },
    diff: SCHEMA_DIFF,
    compatibility: COMPATIBILITY_REPORT,
    documentation: {
      type: 'object',
      required: ['complete', 'gaps'],
      properties: {
        complete: { type: 'boolean' },
        gaps: {
          type: 'array',
          items: {
            type: 'object',
            properties: { pointer, rule: { type: 'string' }, message: { type: 'string' } },
          },
        },
      },
    },
    transforms: {
      type: 'object',
      required: ['previousLiveMajor', 'fromPrevious', 'toPrevious', 'warnings'],
      properties: {
        up: { type: 'string', description: 'JSONata: data of the previous major into this one.' },
        down: { type: 'string', description: 'JSONata: data of this major into the previous one.' },
        previousLiveMajor: { type: ['integer', 'null'] },
        fromPrevious: { type: 'boolean' },
        toPrevious: { type: 'boolean' },
        warnings: { type: 'array', items: { type: 'string' } },
      },
    },
    consumers: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          consumer: { type: 'string' },
          majors: { type: 'array', items: { type: 'integer' } },
          receives: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                major: { type: 'integer' },
                how: { type: 'string', enum: ['as-is', 'converted', 'nothing'] },
              },
            },
          },
        },
      },
    },
  },
};
