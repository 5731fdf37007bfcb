// ESLint for the web app: the recommended JavaScript and TypeScript rules and
// React's rules of hooks, and the layout rules on every import (`make lint` runs it with
// `tsc --noEmit`):
// - no feature imports another feature (shared pieces live in components/, lib/, hooks/);
// - shared code never reaches into a feature or the app;
// - the SSE client in services/ is framework-free: it imports nothing;
// - every file name is kebab-case (`notification-bell.tsx`, `use-notification-observer.ts`), as
//   most of the tree already was: a local rule, since no plugin in use has one.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import importPlugin from 'eslint-plugin-import';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const features = readdirSync(new URL('./src/features', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const kebab = (name) => name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

/** `files/kebab-case`: the part of a file's name before its first dot is kebab-case. */
const filesPlugin = {
  rules: {
    'kebab-case': {
      meta: {
        type: 'suggestion',
        schema: [],
        messages: { name: 'File names are kebab-case: rename {{name}} to {{expected}}.' },
      },
      create(context) {
        return {
          Program(node) {
            const name = path.basename(context.filename);
            const [stem, ...rest] = name.split('.');
            if (KEBAB.test(stem)) return;
            context.report({ node, messageId: 'name', data: { name, expected: [kebab(stem), ...rest].join('.') } });
          },
        };
      },
    },
  },
};

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report'] },
  {
    files: ['**/*.{ts,tsx}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: { ecmaVersion: 2022, globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // `_`-prefixed names are deliberately unused (ignored arguments, rest siblings).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { parser: tseslint.parser },
    plugins: { import: importPlugin },
    settings: {
      'import/resolver': { typescript: { project: './tsconfig.app.json' } },
    },
    rules: {
      'import/no-restricted-paths': [
        'error',
        {
          zones: [
            ...features.map((feature) => ({
              target: `./src/features/${feature}`,
              from: './src/features',
              except: [`./${feature}`],
              message: 'A feature does not import another feature; move what both need to components/, lib/ or hooks/.',
            })),
            {
              target: ['./src/lib', './src/components', './src/hooks', './src/services', './src/testing'],
              from: ['./src/features', './src/app'],
              message: 'Shared code does not reach into a feature or the app.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}', 'e2e/**/*.ts'],
    plugins: { files: filesPlugin },
    rules: { 'files/kebab-case': 'error' },
  },
  {
    files: ['src/services/**/*.ts'],
    ignores: ['src/services/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['*'], message: 'The SSE client is framework-free: it imports nothing.' }] }],
    },
  },
);
