import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { REPO_ROOT } from '../../../test/support/run-process.js';
import { SERVICE_NODE_ARGS } from './service-node-args.js';

describe('the V8 flags of the services', () => {
  it('are the ones the container image runs them with', () => {
    const dockerfile = readFileSync(path.join(REPO_ROOT, 'deploy/Dockerfile'), 'utf8');
    const options = /^ENV NODE_OPTIONS="([^"]*)"$/m.exec(dockerfile)?.[1];
    expect(options).toBe(SERVICE_NODE_ARGS.join(' '));
  });
});
