// The browser tests (test/browser): a real Chromium against the services started as processes.
// Their own run (npm run test:browser), so that CI can run them beside the main jest run.
import base from './jest.config.js';

export default {
  ...base,
  testMatch: ['<rootDir>/test/browser/**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  testTimeout: 90_000,
};
