// The web app's layout rules, enforced on every import (`npm run lint`):
// - no feature imports another feature (shared pieces live in components/, lib/, hooks/);
// - shared code never reaches into a feature or the app;
// - the SSE client in services/ is framework-free: it imports nothing.
import { readdirSync } from 'node:fs';
import tseslint from 'typescript-eslint';
import importPlugin from 'eslint-plugin-import';

const features = readdirSync(new URL('./src/features', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
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
    files: ['src/services/**/*.ts'],
    ignores: ['src/services/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['*'], message: 'The SSE client is framework-free: it imports nothing.' }] }],
    },
  },
);
