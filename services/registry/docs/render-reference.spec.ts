import { describe, expect, it } from '@jest/globals';
import type { PublishedContract } from '../asyncapi/published-contract.types.js';
import { renderReference } from './render-reference.js';

const contract: PublishedContract = {
  descriptor: {
    id: 'scada.batch-report',
    owner: 'scada',
    title: 'Batch report',
    description: 'One finished batch.',
    key: null,
    compatibility: 'BACKWARD',
    tags: [],
  },
  consumers: [{ consumer: 'twin', majors: [2] }],
  versions: [
    {
      version: '2.0.0',
      major: 2,
      status: 'active',
      transforms: { up: '$merge([$, {"site": "A"}])', down: '$sift($, function($v, $k) {$k != "site"})' },
      schema: {
        title: 'Batch report, major 2',
        description: 'The report with the samples of the batch and its site.',
        type: 'object',
        additionalProperties: false,
        required: ['zeta', 'batch'],
        properties: {
          zeta: { type: 'string', description: 'Written first, sorted last.' },
          batch: { type: 'string', description: 'Batch id.', pattern: '^B[0-9]+$' },
          samples: {
            type: 'array',
            description: 'Temperatures of the batch.',
            maxItems: 500,
            minItems: 1,
            items: {
              type: 'number',
              description: 'One sample.',
              'x-unit': 'degC',
              exclusiveMinimum: -273.15,
            },
          },
        },
        examples: [{ zeta: 'z', batch: 'B1', samples: [20] }],
      },
    },
  ],
};

const html = renderReference([contract], new Date('2026-01-01T00:00:00Z'));

describe('renderReference', () => {
  it('lists fields in schema order, not sorted', () => {
    const order = ['/zeta', '/batch', '/samples', '/samples/*'].map((pointer) =>
      html.indexOf(`<td><code>${pointer}</code></td>`),
    );
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('shows every constraining keyword of a field, maxItems included', () => {
    expect(html).toContain('<td>maxItems 500; minItems 1</td>');
    expect(html).toContain('<td>exclusiveMinimum -273.15</td>');
    expect(html).toContain('<td>pattern ^B[0-9]+$</td>');
  });

  it("shows the version's own title, description and constraints", () => {
    expect(html).toContain('<p><strong>Batch report, major 2</strong></p>');
    expect(html).toContain('<p>The report with the samples of the batch and its site.</p>');
    expect(html).toContain('<p>Constraints: additionalProperties false</p>');
  });

  it('shows the transforms between majors', () => {
    expect(html).toContain('Transform 2.up (major 1 to 2)');
    expect(html).toContain('Transform 2.down (major 2 to 1)');
    expect(html).toContain('$merge([$, {"site": "A"}])');
  });
});
