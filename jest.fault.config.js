// The fault suite (test/fault): the same transform and setup as jest.config.js, its own tests, one at
// a time (each starts gateways, servers and a load of its own), with time for 10 s outages.
import base from './jest.config.js';

export default {
  ...base,
  testMatch: ['<rootDir>/test/fault/**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  testTimeout: 240_000,
  maxWorkers: 1,
};
