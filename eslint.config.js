import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import boundaries from './eslint-rules/boundaries.js';

const unusedVars = [
  'error',
  {
    args: 'after-used',
    argsIgnorePattern: '^_',
    varsIgnorePattern: '^_',
    caughtErrorsIgnorePattern: '^_',
    destructuredArrayIgnorePattern: '^_',
    ignoreRestSiblings: true,
  },
];

export default defineConfig(
  globalIgnores([
    'node_modules',
    'dist',
    'data',
    'coverage',
    'test-results',
    'bench/results',
    'src/db/migrations',
    'test/e2e/screenshots',
    'tmp-*',
    // Written by `npm run api:generate` (scripts/api-generate.ts); checked for staleness instead.
    'src/web/app/api/*.gen.ts',
  ]),
  { files: ['**/*.{js,mjs,cjs,ts,tsx}'], extends: [js.configs.recommended] },
  {
    files: ['**/*.{ts,tsx}'],
    extends: [tseslint.configs.recommended],
    languageOptions: {
      // tsconfig.json (server, contracts, db, tests, bench, scripts) and tsconfig.web.json (web app).
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': unusedVars,
      '@typescript-eslint/no-unused-expressions': 'error',
    },
  },
  {
    // Sanitisers strip control characters on purpose.
    files: ['**/*.{js,mjs,cjs,ts,tsx}'],
    rules: { 'no-control-regex': 'off' },
  },
  { files: ['**/*.{js,mjs,cjs}'], rules: { 'no-unused-vars': unusedVars } },
  {
    // The web app has its own tsconfig (DOM, JSX), which the project service does not look for.
    files: ['src/web/**/*.{ts,tsx}'],
    languageOptions: {
      globals: globals.browser,
      parserOptions: { projectService: false, project: './tsconfig.web.json', tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    files: ['src/server/**', 'src/db/**', 'test/**', 'bench/**', 'scripts/**', 'eslint-rules/**', '*.{js,ts}'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { local: { rules: { boundaries } } },
    rules: { 'local/boundaries': 'error' },
  },
  {
    // The web app reaches the API only through the typed client (src/web/app/api/client.ts):
    // operations by their operationId, so a contract change fails typecheck, not a user.
    files: ['src/web/**/*.{ts,tsx}'],
    ignores: ['src/web/app/api/**', 'src/web/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'Literal[value=/^\\/api\\/(v\\d|openapi)/]',
          message: 'Call the API through call()/operationUrl() from app/api, not by a URL string.',
        },
        {
          selector: 'TemplateElement[value.raw=/^\\/api\\/(v\\d|openapi)/]',
          message: 'Call the API through call()/operationUrl() from app/api, not by a URL string.',
        },
        {
          selector: "CallExpression[callee.name='fetch'], NewExpression[callee.name='XMLHttpRequest']",
          message: 'Call the API through call()/upload() from app/api.',
        },
      ],
    },
  },
);
