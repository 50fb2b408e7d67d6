// Bundles the CLI: dist/graft.js loads each command, format and the Kafka client as a chunk only when it is used (a fast
// start); dist/graft-standalone.js is the same CLI in one file, which --with-preflight embeds in the compiled stack.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';

// graft's JSON Schemas compiled at build time, in place of src/core/validators.ts (which compiles them at run time)
const VALIDATORS = resolve('src/core/validators.ts');
const generated = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/validators.ts'], { encoding: 'utf8', maxBuffer: 64 << 20 });
if (generated.status !== 0) throw new Error(`scripts/validators.ts failed:\n${generated.stderr}`);
const precompiledValidators = {
  name: 'precompiled-validators',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]core[\\/]validators\.ts$/ }, (args) =>
      args.path === VALIDATORS ? { contents: generated.stdout, loader: 'js', resolveDir: dirname(VALIDATORS) } : undefined,
    );
  },
};

// the setup page's script (src/setup/client/page.ts) compiled for the browser at build time, in place of src/setup/script.ts
const PAGE_SCRIPT = resolve('src/setup/script.ts');
const pageScript = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/page-script.ts'], { encoding: 'utf8', maxBuffer: 16 << 20 });
if (pageScript.status !== 0) throw new Error(`scripts/page-script.ts failed:\n${pageScript.stderr}`);
const precompiledPageScript = {
  name: 'precompiled-page-script',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]setup[\\/]script\.ts$/ }, (args) =>
      args.path === PAGE_SCRIPT ? { contents: pageScript.stdout, loader: 'js', resolveDir: dirname(PAGE_SCRIPT) } : undefined,
    );
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  // @platformatic/kafka's wasm helpers read native.wasm next to themselves; the bundled build inlines it
  alias: { '@platformatic/wasm-utils': '@platformatic/wasm-utils/bundled' },
  banner: {
    js: "import { createRequire as __graftRequire } from 'node:module';\nconst require = __graftRequire(import.meta.url);",
  },
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [precompiledValidators, precompiledPageScript],
};

rmSync('dist/chunks', { recursive: true, force: true });
await build({
  ...common,
  entryPoints: { graft: 'src/cli/bin.ts' },
  outdir: 'dist',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  banner: { js: `#!/usr/bin/env node\n${common.banner.js}` },
});
await build({
  ...common,
  entryPoints: ['src/cli/bin.ts'],
  outfile: 'dist/graft-standalone.js',
  banner: { js: `#!/usr/bin/env node\n${common.banner.js}` },
});
chmodSync('dist/graft.js', 0o755);
chmodSync('dist/graft-standalone.js', 0o755);

// the Terraform parser: tree-sitter's runtime and the Terraform grammar, loaded beside the bundle
const require = createRequire(import.meta.url);
copyFileSync(require.resolve('web-tree-sitter/tree-sitter.wasm'), 'dist/tree-sitter.wasm');
copyFileSync(require.resolve('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm'), 'dist/tree-sitter-terraform.wasm');
