import { gzipSync } from 'node:zlib';
import { specSecrets } from '../../check/secrets.js';
import { PREFLIGHT_DIR, PREFLIGHT_IMAGE, PREFLIGHT_NAME, preflightCommand, type PreflightInput } from '../../preflight/index.js';
import { renderBlock, type PlainYaml } from '../yaml/text.js';
import type { K8sContext } from './context.js';
import type { PlanId } from '../../plan/types.js';
import { SECRETS_DIR } from './secrets.js';

/** The file graft adds with the preflight ConfigMap and Job. */
export const PREFLIGHT_FILE = 'graft-preflight.yaml';

/**
 * Writes a ConfigMap holding graft's bundle (gzip, under the 1 MiB ConfigMap limit) and the customer spec, and a
 * Job that runs `graft check` with the same Secret keys the workloads read, mounted where they mount them.
 */
export function k8sPreflight(ctx: K8sContext, input: PreflightInput): string {
  const namespaces = [...new Set(ctx.analysis.resources.map((r) => r.namespace).filter((n): n is string => n !== undefined))].sort();
  // graft check reads every secret of the spec, also those no workload happens to use
  const preflightId: PlanId = { format: 'kubernetes', file: PREFLIGHT_FILE, kind: 'Job', name: PREFLIGHT_NAME };
  for (const secret of specSecrets(ctx.spec)) ctx.secrets.keyOf(secret, preflightId);
  const sources = [...ctx.secrets.used.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .flatMap(([name, u]) => {
      const key = ctx.secrets.keyOf(u.secret, preflightId);
      return key ? [{ secret: { name: key.name, items: [{ key: key.key, path: name }] } }] : [];
    });
  // gzip with a fixed header (no timestamp) keeps the output byte-identical across runs
  const bundle = gzipSync(Buffer.from(input.bundle, 'utf8'), { level: 9 }).toString('base64');
  const meta = (name: string): { [key: string]: PlainYaml } => ({
    name,
    ...(namespaces.length === 1 && namespaces[0] ? { namespace: namespaces[0] } : {}),
    labels: { 'app.kubernetes.io/managed-by': 'graft' },
  });
  const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(PREFLIGHT_NAME), data: { 'kafka.yaml': input.specText } };
  const command = preflightCommand('/tmp/graft.js', SECRETS_DIR).join(' ');
  const job = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: meta(PREFLIGHT_NAME),
    spec: {
      backoffLimit: 0,
      template: {
        metadata: { labels: { 'app.kubernetes.io/name': PREFLIGHT_NAME } },
        spec: {
          restartPolicy: 'Never',
          containers: [
            {
              name: 'check',
              image: PREFLIGHT_IMAGE,
              command: ['sh', '-c', `gunzip -c ${PREFLIGHT_DIR}/graft.js.gz > /tmp/graft.js && exec ${command}`],
              volumeMounts: [
                { name: 'graft', mountPath: PREFLIGHT_DIR, readOnly: true },
                ...(sources.length ? [{ name: 'graft-secrets', mountPath: SECRETS_DIR, readOnly: true }] : []),
              ],
            },
          ],
          volumes: [
            { name: 'graft', configMap: { name: PREFLIGHT_NAME } },
            ...(sources.length ? [{ name: 'graft-secrets', projected: { sources } }] : []),
          ],
        },
      },
    },
  };
  ctx.plan.notes.push(
    `${PREFLIGHT_FILE}: Job ${PREFLIGHT_NAME} runs graft check with the workloads' own Secrets; apply it first with kubectl apply --server-side (its ConfigMap is too large for client-side apply's annotation) and wait: kubectl wait --for=condition=complete job/${PREFLIGHT_NAME}`,
  );
  if (namespaces.length > 1)
    ctx.plan.notes.push(`${PREFLIGHT_FILE} has no namespace (the stack spans ${namespaces.join(', ')}): apply it where the Secrets live`);
  return [
    "# Written by graft: checks the customer's Kafka with the workloads' own settings before they roll out.",
    renderBlock(configMap),
    `binaryData:\n  graft.js.gz: ${bundle}`,
    '---',
    renderBlock(job as unknown as PlainYaml),
    '',
  ].join('\n');
}
