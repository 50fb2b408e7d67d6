import { EXTERNAL_REFRESH_INTERVAL, EXTERNAL_TARGET, kubernetesSecretOf } from '../formats/kubernetes/secrets.js';
import { describeSecretRef, secretName } from '../secrets/names.js';
import type { EcsName } from '../formats/types.js';
import type { PlanId } from '../plan/types.js';
import type { HandoffModel } from './types.js';

/** A workload that reads customer secrets, as its platform restarts it. */
export type Workload =
  | { platform: 'compose'; service: string }
  | { platform: 'kubernetes'; kind: string; namespace?: string; name: string; label: string }
  | { platform: 'ecs'; task: string; label: string }
  | { platform: 'lambda'; mapping: string }
  | { platform: 'other'; label: string };

/**
 * The workload a plan entry names (`Deployment/shop/orders`, `OrdersTask/orders`, `aws_ecs_task_definition.x container
 * y`), from its plan id; `label` is how the plan names it.
 */
export function workloadOf(id: PlanId | undefined, label: string, families: readonly string[]): Workload {
  if (families.includes('lambda-event-source')) return { platform: 'lambda', mapping: label };
  if (!id) return { platform: 'other', label };
  switch (id.format) {
    case 'compose':
      return { platform: 'compose', service: id.name };
    case 'kubernetes':
      return {
        platform: 'kubernetes',
        kind: id.kind,
        ...(id.namespace !== undefined ? { namespace: id.namespace } : {}),
        name: id.name,
        label,
      };
    case 'cloudformation':
      return { platform: 'ecs', task: id.name, label };
    case 'terraform': {
      if (id.kind === 'aws_ecs_task_definition') return { platform: 'ecs', task: id.name, label };
      const k8s = /^kubernetes_(deployment|stateful_set|daemon_set)(?:_v1)?$/.exec(id.kind);
      if (k8s?.[1]) return { platform: 'kubernetes', kind: k8s[1].replace('_', ''), name: `<metadata.name of ${id.name}>`, label };
      return { platform: 'other', label };
    }
    default:
      return { platform: 'other', label };
  }
}

const ns = (w: { namespace?: string }): string => ` -n ${w.namespace ?? '<namespace>'}`;

/** A Job or CronJob: every run starts new pods, which read the Secrets as they are then. */
function runsAnew(w: Workload): boolean {
  return w.platform === 'kubernetes' && /^(?:cron)?job$/i.test(w.kind);
}

/** The command that restarts one Kubernetes workload so it reads its Secrets again, or what to do instead. */
function kubernetesRestart(w: Extract<Workload, { platform: 'kubernetes' }>): string {
  switch (w.kind.toLowerCase()) {
    case 'deployment':
    case 'statefulset':
    case 'daemonset':
      return `kubectl rollout restart ${w.kind.toLowerCase()}/${w.name}${ns(w)}`;
    case 'kafkaconnect':
      return `kubectl annotate strimzipodset/${w.name}-connect${ns(w)} strimzi.io/manual-rolling-update=true`;
    case 'kafkamirrormaker2':
      return `kubectl annotate strimzipodset/${w.name}-mirrormaker2${ns(w)} strimzi.io/manual-rolling-update=true`;
    case 'pod':
      return `kubectl delete pod/${w.name}${ns(w)}   # then create it again from its manifest`;
    default:
      return `# ${w.label}: restart it as its controller does (it reads the Secrets at start-up)`;
  }
}

/**
 * How the customer updates a Kubernetes Secret that exists already with the rotated value: `kubectl create secret`
 * refuses a Secret that exists, so each of the handoff's creation commands is rendered client-side and applied, reading
 * the new values from the same files, `trim` (the newline loop over the typed values' files) first.
 */
export function secretUpdates(commands: readonly string[], trim: readonly string[] = []): string[] {
  const creates = commands.filter((c) => c.startsWith('kubectl create secret '));
  if (creates.length === 0) return [];
  return [
    '`kubectl create secret` refuses a Secret that exists: update each one in place with the new values, written into the ' +
      'same files as at creation, the same command rendered client-side and applied:',
    '',
    '```sh',
    ...trim,
    ...creates.map((c) => `${c} --dry-run=client -o yaml | kubectl apply -f -`),
    '```',
    '',
  ];
}

/**
 * The steps that make every workload reading a rotated secret read the new value, per platform: the exact restart
 * command per workload, which Secrets each reads, and what refreshes a synced Secret first.
 */
export function restartSteps(model: HandoffModel): string[] {
  const readers = model.secretReaders.filter((r) => r.workloads.length > 0);
  if (readers.length === 0) return [];
  const out: string[] = ['### Restarting the workloads that read each secret', ''];
  out.push(
    'The clients read credentials once, at start-up: after the store holds the new value, restart exactly these workloads.',
    '',
    '| secret | in your store | read by |',
    '| --- | --- | --- |',
  );
  for (const r of readers)
    out.push(
      `| \`${secretName(r.secret)}\` (${r.secret.path}) | ${describeSecretRef(r.secret).replace(/\|/g, '\\|')} | ${r.workloads.join(', ')} |`,
    );
  out.push('');
  const workloads = new Map<string, Workload>();
  for (const r of readers)
    for (const u of r.workloads) workloads.set(u, workloadOf(model.workloads.get(u), u, model.families.get(u) ?? []));
  const all = [...workloads.values()];
  const compose = all.flatMap((w) => (w.platform === 'compose' ? [w.service] : []));
  const k8s = all.flatMap((w) => (w.platform === 'kubernetes' ? [w] : []));
  const ecs = [...new Set(all.flatMap((w) => (w.platform === 'ecs' ? [w.task] : [])))];
  const lambda = all.flatMap((w) => (w.platform === 'lambda' ? [w.mapping] : []));
  const other = all.flatMap((w) => (w.platform === 'other' ? [w.label] : []));
  if (compose.length > 0)
    out.push(
      'Docker Compose reads `${VAR}` values and secret files when it creates a container; recreate the ones that read them:',
      '',
      '```sh',
      `docker compose up -d --force-recreate ${[...new Set(compose)].sort().join(' ')}`,
      '```',
      '',
    );
  if (k8s.length > 0) {
    const synced = readers.some((r) => kubernetesSecretOf(r.secret, true) === EXTERNAL_TARGET);
    if (synced)
      out.push(
        `External Secrets copies the store into Secret \`${EXTERNAL_TARGET}\` every ${EXTERNAL_REFRESH_INTERVAL} (the ExternalSecret's \`refreshInterval\`); ` +
          'wait for it, or sync now, before restarting:',
        '',
        '```sh',
        ...[...new Set(k8s.map((w) => w.namespace ?? '<namespace>'))]
          .sort()
          .map((n) => `kubectl annotate externalsecret/${EXTERNAL_TARGET} -n ${n} force-sync=$(date +%s) --overwrite`),
        '```',
        '',
      );
    out.push(
      model.reloaded.size > 0
        ? 'Each workload, with the Secrets it reads; the ones compiled with `--reloader` carry `secret.reloader.stakater.com/reload` ' +
            'naming them, so Stakater Reloader restarts them when one changes (the commands restart them now):'
        : 'Each workload, with the Secrets it reads (`graft compile --reloader` annotates them for Stakater Reloader, which then ' +
            'restarts them when one changes):',
      '',
      '```sh',
    );
    for (const w of k8s.sort((a, b) => (a.label < b.label ? -1 : 1))) {
      const secrets = [
        ...new Set(readers.filter((r) => r.workloads.includes(w.label)).flatMap((r) => kubernetesSecretOf(r.secret, true) ?? [])),
      ];
      const auto = model.reloaded.has(w.label) ? ' (Stakater Reloader restarts it when one changes)' : '';
      const head = `# ${w.label}: Secret ${secrets.sort().join(', ')}`;
      if (runsAnew(w)) out.push(`${head} (each run reads them when its pod starts: nothing to restart)`);
      else out.push(head + auto, kubernetesRestart(w));
    }
    out.push('```', '');
  }
  if (ecs.length > 0) out.push(...ecsRestarts(model, ecs));
  if (lambda.length > 0)
    out.push(
      `The Lambda event source mapping${lambda.length > 1 ? 's' : ''} ${lambda.sort().join(', ')} read${lambda.length > 1 ? '' : 's'} the secret from Secrets Manager ` +
        'itself when connecting to the cluster: keep the old credential valid until it has reconnected; to reconnect now, disable ' +
        'and enable it (`aws lambda update-event-source-mapping --uuid <its UUID> --no-enabled`, then `--enabled`).',
      '',
    );
  if (other.length > 0) out.push(`Restart ${other.sort().join(', ')} as your platform does: they read the secrets at start-up.`, '');
  const spring = [...workloads]
    .filter(([u, w]) => (model.families.get(u) ?? []).includes('spring-boot') && !runsAnew(w))
    .map(([u]) => u)
    .sort();
  if (spring.length > 0)
    out.push(
      `Spring Boot (${spring.join(', ')}) binds its properties, the config tree (\`configtree:\`) files included, only at start-up and ` +
        'does not re-read them at run time, even where the platform updates a mounted file in place: the restart is needed.',
      '',
    );
  return out;
}

/**
 * `aws ecs update-service --force-new-deployment` for each service the stack declares running one of these task
 * definitions, with its cluster and service names where the stack gives them; a placeholder saying where to find a name
 * it does not give, and one for a task definition no declared service runs.
 */
function ecsRestarts(model: HandoffModel, tasks: readonly string[]): string[] {
  const name = (n: EcsName): string => ('name' in n ? n.name : 'lookup' in n ? n.lookup : `<${n.where}>`);
  const lines: string[] = [];
  const notes: string[] = [];
  for (const t of [...tasks].sort()) {
    const services = model.ecsServices.filter((s) => s.task === t).sort((a, b) => (a.declaredAs < b.declaredAs ? -1 : 1));
    if (services.length === 0) {
      lines.push(`aws ecs update-service --cluster <cluster> --service <the service running ${t}> --force-new-deployment`);
      notes.push(t);
      continue;
    }
    for (const s of services)
      lines.push(
        `# ${s.declaredAs} runs ${t}`,
        `aws ecs update-service --cluster ${name(s.cluster)} --service ${name(s.service)} --force-new-deployment`,
      );
  }
  const lookups = model.ecsServices.some((s) => tasks.includes(s.task) && ('lookup' in s.cluster || 'lookup' in s.service));
  return [
    'ECS injects `secrets` into a container when its task starts; start new tasks of each service that runs these task definitions:',
    '',
    '```sh',
    ...(lookups ? ['STACK=<the name you deployed the template as>'] : []),
    ...lines,
    '```',
    '',
    ...(notes.length > 0
      ? [
          `The stack declares no ECS service running ${notes.join(', ')}: fill in the cluster and service that run ${notes.length > 1 ? 'them' : 'it'}.`,
          '',
        ]
      : []),
  ];
}
