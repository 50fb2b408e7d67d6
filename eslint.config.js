// Lint: typescript-eslint's type-checked recommendations, named exports only, type-only imports, and the layers: a format
// folder never imports another format folder, and core imports nothing above it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const RELATIVE_JS = { regex: '^\\.{1,2}/.*(?<!\\.js|\\.json)$', message: 'relative imports end in .js' };
const FORMATS = ['compose', 'kubernetes', 'cloudformation', 'terraform', 'helm'];

/** The restricted imports of one folder: relative imports end in .js, plus the folder's own rules. */
const restrictImports = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns: [RELATIVE_JS, ...patterns] }] });

/** A format folder imports shared format modules (`formats/{yaml,properties,aws,types,kinds,index}`), never a peer. */
const formatPeers = FORMATS.map((format) => {
  const peers = FORMATS.filter((f) => f !== format).join('|');
  return {
    files: [`src/formats/${format}/**/*.ts`],
    rules: restrictImports({
      regex: `^(?:\\.\\./|(?:\\.\\./)+formats/)(?:${peers})/`,
      message: `formats are peers: ${format} does not import another format; move what both need to formats/yaml, formats/aws, src/naming or core`,
    }),
  };
});

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      '.cache/',
      'tmp/',
      'testbed/runners/node/node_modules/',
      '**/cases/**',
      'tests/realworld/*__*/',
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
      ...restrictImports(),
    },
  },
  ...formatPeers,
  {
    files: ['src/core/**/*.ts'],
    rules: restrictImports({
      regex: '^\\.\\./',
      message: 'core is the bottom layer: it imports only core (and packages); move the code that needs more above it',
    }),
  },
);
