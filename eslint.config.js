import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

/** Each service uses another only through services/common or the other's public face, its index.ts. */
const SERVICES = ['cli', 'client', 'console', 'edges', 'gateway', 'launcher', 'registry', 'simulation'];
const serviceBoundaries = SERVICES.map((service) => ({
  files: [`services/${service}/**/*.ts`],
  // The console's front end has pages named after services; it imports none of them.
  ignores: ['services/console/web/**'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: SERVICES.filter((other) => other !== service).flatMap((other) => [
              `**/${other}/**`,
              `!**/${other}/index.js`,
            ]),
            message: `services/${service} may use another service only through services/common or its index.ts`,
          },
        ],
      },
    ],
  },
}));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The console's front end runs in the browser, with React.
    files: ['services/console/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    // The two classic rules; the React Compiler's stricter ones assume a compiler this app does not use.
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  ...serviceBoundaries,
  {
    // A migration is frozen in time: it takes Kysely<any> and never imports today's types.
    files: ['migrations/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
