import type { SecretStore } from '../types.js';
export type { EnvRef } from './ref.js';

/** An environment variable: Compose reads and interpolates it; `graft check` reads it from its own environment. */
export const envStore: SecretStore<'env'> = {
  kind: 'env',
  schema: { type: 'string', minLength: 1, description: 'An environment variable on the host that runs the stack.' },
  check: () => [],
  describe: (ref) => `env ${ref.env}`,
  source: (ref) => `environment variable ${ref.env}`,
  compose: (ref) => ({ key: 'environment', value: ref.env, variable: ref.env, customerFile: false }),
  kubernetes: () => undefined,
  aws: () => undefined,
  local: (ref) => ({ kind: 'env', name: ref.env }),
  handoff: {
    phase: 1,
    group: (ref) => ref.env,
    // the value goes into the variable from its file, through a quoted command substitution (nothing in it is expanded
    // again); that drops a file's final newlines, which a PEM keeps by a character appended and removed
    commands: (group, ctx) =>
      group.map((s) => {
        const v = s.secretRef.env;
        const set = ctx.isPem(s)
          ? `${v}="$(cat ./${ctx.file(s)}; printf .)" && export ${v}="\${${v}%.}"`
          : `export ${v}="$(cat ./${ctx.file(s)})"`;
        return `${set}   # in the environment that runs docker compose (or its .env file)`;
      }),
  },
};
