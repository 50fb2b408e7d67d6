import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileStack } from '../compile/pipeline.js';
import { parseAllDocuments } from 'yaml';
import { compileCase } from '../../tests/support/handoff.js';
import { secretName } from '../secrets/names.js';
import { collectSecrets } from '../spec/rules.js';
import { inferHandoff } from './model.js';
import { restartSteps, secretUpdates, workloadOf } from './rotation.js';
import { secretCommands } from './secrets.js';
import type { PlanId } from '../plan/types.js';

const SRC = join(import.meta.dirname, '..');
const must = <T>(v: T | undefined): T => {
  if (v === undefined) throw new Error('the stack does not compile');
  return v;
};

function handoffOf(from: string): { steps: string[]; files: Map<string, string>; model: NonNullable<ReturnType<typeof inferHandoff>> } {
  const result = compileCase(from);
  const model = inferHandoff(result);
  if (!model) throw new Error(`${from} does not compile`);
  return { steps: restartSteps(model), files: new Map(result.files.map((f) => [f.path, f.content.toString('utf8')])), model };
}

/** Every value under `key` anywhere in a YAML tree. */
function collect(node: unknown, key: string, out: Set<string>): Set<string> {
  if (Array.isArray(node)) for (const n of node) collect(n, key, out);
  else if (typeof node === 'object' && node !== null)
    for (const [k, v] of Object.entries(node)) {
      if (k === key && typeof v === 'object' && v !== null) {
        const name = (v as { name?: unknown; secretName?: unknown }).name ?? (v as { secretName?: unknown }).secretName;
        if (typeof name === 'string') out.add(name);
      }
      collect(v, key, out);
    }
  return out;
}

describe('rotation: the workloads that read each secret, restarted as their platform does', () => {
  it('Kubernetes: one restart per workload, naming exactly the Secrets its compiled manifest reads', () => {
    const { steps, files } = handoffOf('formats/kubernetes/cases/strimzi-kraft');
    const text = steps.join('\n');
    const workloads = new Map<string, Set<string>>();
    for (const [path, content] of files) {
      if (!/\.ya?ml$/.test(path)) continue;
      for (const doc of parseAllDocuments(content)) {
        const r = doc.toJS() as { kind?: string; metadata?: { name?: string; namespace?: string } } | null;
        if (!r?.kind || !r.metadata?.name) continue;
        const secrets = new Set<string>();
        collect(r, 'secretKeyRef', secrets);
        collect(r, 'secret', secrets);
        collect(r, 'passwordSecret', secrets);
        for (const ca of (r as { spec?: { tls?: { trustedCertificates?: { secretName?: string }[] } } }).spec?.tls?.trustedCertificates ??
          [])
          if (ca.secretName) secrets.add(ca.secretName);
        if (secrets.size > 0) workloads.set(`${r.kind}/${r.metadata.namespace ?? ''}/${r.metadata.name}`, secrets);
      }
    }
    expect([...workloads.keys()].sort()).toEqual([
      'Deployment/shop/orders',
      'Deployment/shop/payments-worker',
      'KafkaConnect/shop/shop-connect',
    ]);
    for (const [w, secrets] of workloads) expect(text).toContain(`# ${w}: Secret ${[...secrets].sort().join(', ')}\n`);
    expect(text).toContain('kubectl rollout restart deployment/orders -n shop\n');
    expect(text).toContain('kubectl rollout restart deployment/payments-worker -n shop\n');
    expect(text).toContain('kubectl annotate strimzipodset/shop-connect-connect -n shop strimzi.io/manual-rolling-update=true');
    // the egress NetworkPolicy reads no secret and is not restarted
    expect(text).not.toContain('NetworkPolicy');
    expect(text).not.toContain('externalsecret');
    expect(text).toMatch(/Spring Boot \(Deployment\/shop\/orders\) .* does not re-read/);
  });

  it('Kubernetes with --reloader: the annotated workloads are said to restart on change; a CronJob needs no restart', () => {
    const { steps, files } = handoffOf('formats/kubernetes/cases/reloader-annotations');
    const text = steps.join('\n');
    const manifest = files.get('app.yaml') ?? '';
    for (const w of ['orders', 'ledger'])
      expect(manifest).toMatch(
        new RegExp(
          `name: ${w}\\n  namespace: shop\\n(?:  .*\\n)*?    secret\\.reloader\\.stakater\\.com/reload: "[^"]*kafka-ca,kafka-credentials"`,
        ),
      );
    expect(text).toContain(
      '# Deployment/shop/orders: Secret kafka-ca, kafka-credentials (Stakater Reloader restarts it when one changes)\n',
    );
    expect(text).toContain(
      '# StatefulSet/shop/ledger: Secret kafka-ca, kafka-credentials (Stakater Reloader restarts it when one changes)\n',
    );
    expect(text).toContain('kubectl rollout restart statefulset/ledger -n shop');
    expect(text).toContain(
      '# CronJob/shop/nightly-report: Secret kafka-ca, kafka-credentials (each run reads them when its pod starts: nothing to restart)\n',
    );
    expect(text).not.toContain('nightly-report -n');
    expect(text).toMatch(/Spring Boot \(Deployment\/shop\/orders, StatefulSet\/shop\/ledger\) binds/);
    expect(manifest.match(/secret\.reloader\.stakater\.com/g)).toHaveLength(2);
  });

  it('Kubernetes with External Secrets: the refresh interval and a forced sync before the restart', () => {
    const { steps, files } = handoffOf('formats/kubernetes/cases/external-secrets');
    const text = steps.join('\n');
    const es = [...files.values()].find((c) => c.includes('kind: ExternalSecret')) ?? '';
    const interval = /refreshInterval: (\S+)/.exec(es)?.[1];
    expect(interval).toBeDefined();
    expect(text).toContain(`every ${interval ?? ''} (the ExternalSecret's \`refreshInterval\`)`);
    expect(text).toContain('kubectl annotate externalsecret/graft-customer-kafka -n shop force-sync=$(date +%s) --overwrite');
    expect(text.indexOf('force-sync')).toBeLessThan(text.indexOf('kubectl rollout restart deployment/orders -n shop'));
  });

  it('Kubernetes Secrets: each creation command rendered client-side and applied, which updates a Secret that exists', () => {
    const { model } = handoffOf('formats/kubernetes/cases/strimzi-kraft');
    const commands = secretCommands(model, ['shop', 'billing']);
    const creates = commands.filter((c) => c.startsWith('kubectl create secret generic '));
    expect(creates.length).toBeGreaterThan(0);
    const updates = secretUpdates(commands).filter((l) => l.startsWith('kubectl '));
    expect(updates).toEqual(creates.map((c) => `${c} --dry-run=client -o yaml | kubectl apply -f -`));
    // a store other than Kubernetes Secrets has nothing to apply
    expect(secretUpdates(commands.filter((c) => !c.startsWith('kubectl ')))).toEqual([]);
  });

  it('Compose: one force-recreate of exactly the services the compiled file gives a customer secret', () => {
    const from = 'formats/compose/cases/sasl-plain-env-files';
    const { steps, files, model } = handoffOf(from);
    const compose = parseAllDocuments(files.get('docker-compose.yml') ?? '')[0]?.toJS() as {
      services: Record<string, { secrets?: (string | { source: string })[]; environment?: Record<string, string> }>;
    };
    const names = new Set(collectSecrets(model.spec).map(secretName));
    const readers = Object.entries(compose.services)
      .filter(([, s]) => (s.secrets ?? []).some((x) => names.has(typeof x === 'string' ? x : x.source)))
      .map(([n]) => n)
      .sort();
    expect(readers.length).toBeGreaterThan(0);
    expect(steps).toContain(`docker compose up -d --force-recreate ${readers.join(' ')}`);
  });

  it('ECS: a forced new deployment per task definition; Lambda: the event source mapping reconnects', () => {
    // the template names neither its cluster nor its service: CloudFormation's physical ids, looked up
    const ecs = handoffOf('formats/cloudformation/cases/provisioned-ecs-scram').steps.join('\n');
    expect(ecs).toContain('STACK=<the name you deployed the template as>\n# OrdersService runs OrdersTask\n');
    expect(ecs).toContain(
      'aws ecs update-service --cluster "$(aws cloudformation describe-stack-resource --stack-name "$STACK" --logical-resource-id OrdersCluster ' +
        '--query StackResourceDetail.PhysicalResourceId --output text)" --service "$(aws cloudformation describe-stack-resource --stack-name "$STACK" ' +
        "--logical-resource-id OrdersService --query StackResourceDetail.PhysicalResourceId --output text | sed 's#.*/##')\" --force-new-deployment",
    );
    // the module declares no service for its task definition: a placeholder, and the handoff says so
    const tf = handoffOf('formats/terraform/cases/confluent-cloud').steps.join('\n');
    expect(tf).toContain('--service <the service running aws_ecs_task_definition.shipping> --force-new-deployment');
    expect(tf).toContain('The stack declares no ECS service running aws_ecs_task_definition.shipping');
    const lambda = handoffOf('formats/cloudformation/cases/lambda-esm-scram').steps.join('\n');
    expect(lambda).toContain('event source mapping PaymentsSource');
    expect(lambda).not.toContain('aws ecs');
  });

  it('ECS: the cluster and service names the template or module declares', () => {
    const dir = mkdtempSync(join(tmpdir(), 'graft-ecs-names-'));
    try {
      const cfn = join(dir, 'cfn');
      cpSync(join(SRC, 'formats/cloudformation/cases/provisioned-ecs-scram/input'), cfn, { recursive: true });
      for (const f of readdirSync(cfn).filter((n) => n.endsWith('.yaml'))) {
        const text = readFileSync(join(cfn, f), 'utf8')
          .replace('    Type: AWS::ECS::Cluster\n', '    Type: AWS::ECS::Cluster\n    Properties:\n      ClusterName: shop-prod\n')
          .replace('      Cluster: !Ref OrdersCluster\n', '      Cluster: !Ref OrdersCluster\n      ServiceName: orders\n');
        writeFileSync(join(cfn, f), text);
      }
      const steps = restartSteps(
        must(inferHandoff(compileStack({ stack: cfn, spec: join(SRC, 'formats/cloudformation/cases/provisioned-ecs-scram/kafka.yaml') }))),
      );
      expect(steps.join('\n')).toContain(
        '# OrdersService runs OrdersTask\naws ecs update-service --cluster shop-prod --service orders --force-new-deployment\n',
      );
      expect(steps.join('\n')).not.toContain('STACK=');
      const tf = join(dir, 'tf');
      cpSync(join(SRC, 'formats/terraform/cases/confluent-cloud/input'), tf, { recursive: true });
      writeFileSync(
        join(tf, 'ecs.tf'),
        [
          'resource "aws_ecs_cluster" "main" {',
          '  name = "logistics"',
          '}',
          '',
          'resource "aws_ecs_service" "shipping" {',
          '  name            = "shipping"',
          '  cluster         = aws_ecs_cluster.main.id',
          '  task_definition = aws_ecs_task_definition.shipping.arn',
          '  desired_count   = 2',
          '}',
          '',
        ].join('\n'),
      );
      const tfSteps = restartSteps(
        must(inferHandoff(compileStack({ stack: tf, spec: join(SRC, 'formats/terraform/cases/confluent-cloud/kafka.yaml') }))),
      );
      expect(tfSteps.join('\n')).toContain(
        '# aws_ecs_service.shipping runs aws_ecs_task_definition.shipping\naws ecs update-service --cluster logistics --service shipping --force-new-deployment\n',
      );
      expect(tfSteps.join('\n')).not.toContain('declares no ECS service');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('AWS_MSK_IAM has no secret to rotate, so no restart steps', () => {
    expect(handoffOf('formats/terraform/cases/msk-serverless-iam').steps).toEqual([]);
  });

  it('names workloads by the platform that restarts them', () => {
    const id = (format: string, kind: string, name: string, more: Partial<PlanId> = {}): PlanId => ({
      format,
      file: 'f',
      kind,
      name,
      ...more,
    });
    expect(workloadOf(id('kubernetes', 'StatefulSet', 'ingest', { namespace: 'data' }), 'StatefulSet/data/ingest', [])).toMatchObject({
      platform: 'kubernetes',
      kind: 'StatefulSet',
      namespace: 'data',
    });
    const task = id('terraform', 'aws_ecs_task_definition', 'aws_ecs_task_definition.a', { container: 'b' });
    expect(workloadOf(task, 'aws_ecs_task_definition.a container b', ['env'])).toMatchObject({
      platform: 'ecs',
      task: 'aws_ecs_task_definition.a',
    });
    const mapping = id('terraform', 'aws_lambda_event_source_mapping', 'aws_lambda_event_source_mapping.audit');
    expect(workloadOf(mapping, 'aws_lambda_event_source_mapping.audit', ['lambda-event-source'])).toMatchObject({ platform: 'lambda' });
    const ecs = id('cloudformation', 'AWS::ECS::TaskDefinition', 'OrdersTask', { container: 'orders' });
    expect(workloadOf(ecs, 'OrdersTask/orders', ['spring-boot'])).toMatchObject({ platform: 'ecs', task: 'OrdersTask' });
    expect(workloadOf(id('compose', 'service', 'orders'), 'orders', ['spring-boot'])).toEqual({ platform: 'compose', service: 'orders' });
    const deployment = id('terraform', 'kubernetes_deployment_v1', 'kubernetes_deployment_v1.api', { container: 'api' });
    expect(workloadOf(deployment, 'kubernetes_deployment_v1.api container api', ['env'])).toMatchObject({
      platform: 'kubernetes',
      kind: 'deployment',
      name: '<metadata.name of kubernetes_deployment_v1.api>',
    });
  });
});
