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
    // the value goes into the variable as typed between the quotes: nothing adds a newline
    commands: (group, ctx) =>
      group.map(
        (s) => `export ${s.secretRef.env}='${ctx.placeholder(s)}'   # in the environment that runs docker compose (or its .env file)`,
      ),
  },
};
