// Lint: typescript-eslint's type-checked recommendations, named exports only, type-only imports.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      '.cache/',
      'tmp/',
      'testbed/runners/node/node_modules/',
      '**/cases/**',
      'scripts/*.mjs',
      'testbed/runners/node/*.mjs',
      'eslint.config.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'use named exports' }],
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^\\.{1,2}/.*(?<!\\.js|\\.json)$', message: 'relative imports end in .js' }] },
      ],
    },
  },
);
