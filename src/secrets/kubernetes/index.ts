import type { SecretStore } from '../types.js';
export type { KubernetesRef } from './ref.js';

/** A Kubernetes Secret key: workloads read it through `secretKeyRef` or a projected volume. */
export const kubernetesStore: SecretStore<'kubernetes'> = {
  kind: 'kubernetes',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['name', 'key'],
    properties: { name: { type: 'string', minLength: 1 }, key: { type: 'string', minLength: 1 } },
    description: 'A key of a Kubernetes Secret in the namespace the stack is deployed to.',
  },
  check: () => [],
  describe: (ref) => `kubernetes secret ${ref.kubernetes.name}/${ref.kubernetes.key}`,
  source: (ref) => `Secret ${ref.kubernetes.name} key ${ref.kubernetes.key}`,
  compose: () => undefined,
  kubernetes: (ref) => ({ kind: 'secret', name: ref.kubernetes.name, key: ref.kubernetes.key }),
  aws: () => undefined,
  local: () => undefined,
  handoff: {
    phase: 0,
    group: (ref) => ref.kubernetes.name,
    // --from-file stores exactly the file's bytes: no newline is added, no character of a value is the shell's
    commands: (group, ctx) => {
      const name = group[0]?.secretRef.kubernetes.name ?? '';
      const froms = group.map((s) => `--from-file=${s.secretRef.kubernetes.key}=./${ctx.file(s)}`);
      return (ctx.namespaces.length ? ctx.namespaces : ['<namespace>']).map(
        (ns) => `kubectl create secret generic ${name} --namespace ${ns} ${froms.join(' ')}`,
      );
    },
  },
};
