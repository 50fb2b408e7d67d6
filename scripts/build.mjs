// Bundles the CLI into one ESM file for a fast cold start.
import { build } from 'esbuild';
import { chmodSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';

await build({
  entryPoints: ['src/cli/bin.ts'],
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  outfile: 'dist/graft.js',
  // @platformatic/kafka's wasm helpers read native.wasm next to themselves; the bundled build inlines it
  alias: { '@platformatic/wasm-utils': '@platformatic/wasm-utils/bundled' },
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __graftRequire } from 'node:module';\nconst require = __graftRequire(import.meta.url);",
  },
  legalComments: 'none',
  logLevel: 'warning',
});
chmodSync('dist/graft.js', 0o755);

// the Terraform parser: tree-sitter's runtime and the Terraform grammar, loaded beside the bundle
const require = createRequire(import.meta.url);
copyFileSync(require.resolve('web-tree-sitter/tree-sitter.wasm'), 'dist/tree-sitter.wasm');
copyFileSync(require.resolve('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm'), 'dist/tree-sitter-terraform.wasm');
