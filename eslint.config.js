// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', '.ci/', 'coverage/', 'dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The kernel and the models are deterministic: time comes from the simulation clock and
    // randomness from the seeded streams in engine/rng, never from the host.
    files: ['engine/**/*.ts', 'models/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use a seeded stream from engine/rng.' },
        { object: 'Date', property: 'now', message: 'Use the simulation clock (env.now).' },
        { object: 'performance', property: 'now', message: 'Use the simulation clock (env.now).' },
      ],
    },
  },
  {
    // engine/ is the generic kernel: it imports nothing of ours from outside itself.
    files: ['engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/models/**', '**/api/**', '**/notebooks/**'],
              message: 'engine/ must not depend on models/ or api/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['models/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/api/**'], message: 'models/ must not depend on api/.' }] },
      ],
    },
  },
  {
    // The what-if page's script runs in the browser, without a build step.
    files: ['api/web/**/*.js'],
    languageOptions: {
      sourceType: 'module',
      globals: {
        window: 'readonly',
        document: 'readonly',
        fetch: 'readonly',
        CSS: 'readonly',
        setTimeout: 'readonly',
      },
    },
  },
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
