// Jest runs in native ESM mode (NestJS 12 ships ESM only); swc strips types and keeps decorator metadata.
const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
    },
    module: { type: 'es6' },
  },
];

export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testMatch: [
    '<rootDir>/services/**/*.spec.ts',
    '<rootDir>/migrations/**/*.spec.ts',
    '<rootDir>/test/**/*.spec.ts',
  ],
  // The fault suite and the browser suite run on their own (npm run test:fault, npm run test:browser).
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/test/fault/', '<rootDir>/test/browser/'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 30000,
  // A process a failed test left behind must not keep CI waiting: every suite cleans up in afterAll,
  // and jest then exits even if a stray handle remains.
  forceExit: true,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
