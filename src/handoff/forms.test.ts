import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { ROOT } from '../../tests/support/cases.js';
import { compileCase, HANDOFF_CASES } from '../../tests/support/handoff.js';
import { compileStack } from '../compile/pipeline.js';
import type { Requirements } from '../check/requirements.js';
import { MSK_CLUSTER_ACTIONS } from '../formats/aws/iam.js';
import { renderConfluentScript } from './confluent-cli.js';
import { clusterNeedOf } from './cluster.js';
import { iamPolicyOf } from './iam-policy.js';
import { renderConfluentTerraform } from './confluent-tf.js';
import { inferHandoff, type HandoffModel } from './index.js';
import { renderKafkaGitops } from './kafka-gitops.js';
import { requirementsOf } from './requirements-file.js';
import { renderRpkScript } from './rpk.js';
import { renderAclsScript, renderTopicsScript } from './scripts.js';
import { renderStrimzi } from './strimzi.js';
import { renderTerraform } from './terraform.js';

// Every form is parsed back into (resource type, pattern, name, operation) grants and (name, partitions,
// configs) topics, normalized across the tools' spellings, and compared with acls.sh / topics.sh: the forms
// cannot drift apart. acls.sh itself is checked against what requirements.json and the Streams apps need.

interface Grant {
  type: string;
  pattern: 'literal' | 'prefixed';
  name: string;
  op: string;
}
const norm = (s: string): string => s.toLowerCase().replace(/[-_]/g, '');
function grant(type: string, pattern: string, name: string, op: string): Grant {
  const t = norm(type);
  return {
    type: t === 'consumergroup' ? 'group' : t,
    pattern: norm(pattern).startsWith('prefix') ? 'prefixed' : 'literal',
    name,
    op: norm(op),
  };
}
const keys = (gs: Grant[]): string[] => gs.map((g) => `${g.type} ${g.pattern} ${g.name} ${g.op}`).sort();

/** Undoes the single and CSV double quoting the scripts use around a word. */
const unquote = (w: string): string => w.replace(/^'(.*)'$/, '$1').replace(/^"(.*)"$/, '$1');

function lines(text: string, head: string): string[] {
  return text.split('\n').filter((l) => l.startsWith(head));
}

/** Kafka's name of the cluster resource, which the tools' cluster flags leave out. */
const CLUSTER = 'kafka-cluster';

const fromAclsSh = (text: string): Grant[] =>
  lines(text, 'kafka-acls.sh ').map((l) => {
    const c = /--operation (\S+) --cluster$/.exec(l);
    if (c) return grant('cluster', 'literal', CLUSTER, c[1] ?? '');
    const m = /--operation (\S+) --(topic|group|transactional-id) (\S+) --resource-pattern-type (\S+)$/.exec(l);
    if (!m) throw new Error(`unparsed: ${l}`);
    return grant(m[2] ?? '', m[4] ?? '', unquote(m[3] ?? ''), m[1] ?? '');
  });

const fromRpk = (text: string): Grant[] =>
  lines(text, 'rpk security acl create ').map((l) => {
    const c = /--allow-principal "\$PRINCIPAL" --operation (\S+) --cluster$/.exec(l);
    if (c) return grant('cluster', 'literal', CLUSTER, c[1] ?? '');
    const m =
      /--allow-principal "\$PRINCIPAL" --operation (\S+) --(topic|group|transactional-id) (\S+) --resource-pattern-type (literal|prefixed)$/.exec(
        l,
      );
    if (!m) throw new Error(`unparsed: ${l}`);
    return grant(m[2] ?? '', m[4] ?? '', unquote(m[3] ?? ''), m[1] ?? '');
  });

const fromConfluentSh = (text: string): Grant[] =>
  lines(text, 'confluent kafka acl create ').map((l) => {
    const c = /--allow --service-account "\$SERVICE_ACCOUNT" --operations (\S+) --cluster-scope$/.exec(l);
    if (c) return grant('cluster', 'literal', CLUSTER, c[1] ?? '');
    const m =
      /--allow --service-account "\$SERVICE_ACCOUNT" --operations (\S+) --(topic|consumer-group|transactional-id) (\S+)( --prefix)?$/.exec(
        l,
      );
    if (!m) throw new Error(`unparsed: ${l}`);
    return grant(m[2] ?? '', m[4] ? 'prefixed' : 'literal', unquote(m[3] ?? ''), m[1] ?? '');
  });

/** The string attributes of each `resource "<type>"` block of a .tf file. */
function tfResources(text: string, type: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (const b of text.split(/\n(?=resource )/)) {
    if (!b.startsWith(`resource "${type}" `)) continue;
    const attrs: Record<string, string> = {};
    for (const m of b.matchAll(/^ {2}(\w+)\s+= (.*)$/gm)) attrs[m[1] ?? ''] = unquote(m[2] ?? '');
    const cfg = /^ {2}config = \{\n([\s\S]*?)\n {2}\}/m.exec(b)?.[1] ?? '';
    attrs['config'] = JSON.stringify(Object.fromEntries([...cfg.matchAll(/"([^"]+)"\s+= "([^"]*)"/g)].map((m) => [m[1], m[2]])));
    out.push(attrs);
  }
  return out;
}

const fromKafkaTf = (text: string): Grant[] =>
  tfResources(text, 'kafka_acl').map((a) =>
    grant(a['resource_type'] ?? '', a['resource_pattern_type_filter'] ?? '', a['resource_name'] ?? '', a['acl_operation'] ?? ''),
  );
const fromConfluentTf = (text: string): Grant[] =>
  tfResources(text, 'confluent_kafka_acl').map((a) => {
    expect(a).toMatchObject({
      principal: 'User:${var.service_account_id}',
      host: '*',
      permission: 'ALLOW',
      rest_endpoint: 'var.kafka_rest_endpoint',
    });
    return grant(a['resource_type'] ?? '', a['pattern_type'] ?? '', a['resource_name'] ?? '', a['operation'] ?? '');
  });

interface StrimziDoc {
  kind: string;
  metadata: { name: string };
  spec: {
    topicName?: string;
    partitions?: number;
    config?: Record<string, string>;
    authorization?: { acls: { resource: { type: string; name?: string; patternType?: string }; operations: string[] }[] };
  };
}
const strimziDocs = (text: string): StrimziDoc[] => parseAllDocuments(text).map((d) => d.toJS() as StrimziDoc);
const fromStrimzi = (text: string): Grant[] =>
  strimziDocs(text)
    .filter((d) => d.kind === 'KafkaUser')
    .flatMap((d) => d.spec.authorization?.acls ?? [])
    .flatMap((a) =>
      a.operations.map((op) =>
        a.resource.type === 'cluster'
          ? grant('cluster', 'literal', CLUSTER, op)
          : grant(a.resource.type, a.resource.patternType ?? '', a.resource.name ?? '', op),
      ),
    );

interface GitopsState {
  topics?: Record<string, { partitions: number; configs?: Record<string, string> }>;
  customServiceAcls?: Record<string, Record<string, { name: string; type: string; pattern: string; operation: string }>>;
}
const fromGitops = (text: string): Grant[] =>
  Object.values((parseYaml(text) as GitopsState).customServiceAcls?.['appliance'] ?? {}).map((a) =>
    grant(a.type, a.pattern, a.name, a.operation),
  );

// topics as `name partitions configs`
const topic = (name: string, partitions: string | number | undefined, configs: Record<string, string>): string =>
  `${name} ${partitions ?? '-'} ${JSON.stringify(Object.fromEntries(Object.entries(configs).sort(([a], [b]) => (a < b ? -1 : 1))))}`;

function flagTopics(text: string, head: string, nameAt: RegExp, partitions: RegExp, config: RegExp): string[] {
  return lines(text, head)
    .map((l) => {
      const configs = Object.fromEntries(
        [...l.matchAll(config)].map((m) => {
          const kv = unquote(unquote(m[1] ?? ''));
          return [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)];
        }),
      );
      return topic(nameAt.exec(l)?.[1] ?? '', partitions.exec(l)?.[1], configs);
    })
    .sort();
}

function topicForms(model: HandoffModel): Record<string, string[]> {
  const tfTopics = (text: string, type: string, name: string, parts: string): string[] =>
    tfResources(text, type)
      .map((a) =>
        topic(
          a[name] ?? '',
          /^\d+$/.test(a[parts] ?? '') ? a[parts] : undefined,
          JSON.parse(a['config'] ?? '{}') as Record<string, string>,
        ),
      )
      .sort();
  const gitops = parseYaml(renderKafkaGitops(model)) as GitopsState;
  const partitioned = new Set(model.topics.filter((t) => t.partitions).map((t) => t.name));
  return {
    'topics.sh': flagTopics(renderTopicsScript(model), 'kafka-topics.sh ', /--topic (\S+)/, /--partitions (\d+)/, /--config (\S+)/g),
    'rpk.sh': flagTopics(renderRpkScript(model), 'create_topic ', /^create_topic (\S+)/, / -p (\d+)/, / -c ('[^']*'|\S+)/g),
    'confluent.sh': flagTopics(
      renderConfluentScript(model),
      'confluent kafka topic create ',
      /create (\S+)/,
      /--partitions (\d+)/,
      /--config ('[^']*'|\S+)/g,
    ),
    'kafka.tf': tfTopics(renderTerraform(model), 'kafka_topic', 'name', 'partitions'),
    'confluent.tf': tfTopics(renderConfluentTerraform(model), 'confluent_kafka_topic', 'topic_name', 'partitions_count'),
    'strimzi.yaml': strimziDocs(renderStrimzi(model))
      .filter((d) => d.kind === 'KafkaTopic')
      .map((d) => topic(d.spec.topicName ?? d.metadata.name, d.spec.partitions, d.spec.config ?? {}))
      .sort(),
    // kafka-gitops needs a count: the topics the stack left to auto-creation get a placeholder, left out here
    'kafka-gitops.yaml': Object.entries(gitops.topics ?? {})
      .map(([n, t]) => topic(n, partitioned.has(n) ? t.partitions : undefined, t.configs ?? {}))
      .sort(),
    'requirements.json': (requirementsOf(model).topics ?? []).map((t) => topic(t.name, t.partitions, t.configs ?? {})).sort(),
  };
}

function grantForms(model: HandoffModel): Record<string, Grant[]> {
  return {
    'rpk.sh': fromRpk(renderRpkScript(model)),
    'confluent.sh': fromConfluentSh(renderConfluentScript(model)),
    'kafka.tf': fromKafkaTf(renderTerraform(model)),
    'confluent.tf': fromConfluentTf(renderConfluentTerraform(model)),
    'strimzi.yaml': fromStrimzi(renderStrimzi(model)),
    'kafka-gitops.yaml': fromGitops(renderKafkaGitops(model)),
  };
}

/**
 * Kafka's ACL matching: a literal names the resource (`*` every one of its type), a prefix starts it; READ, WRITE,
 * DELETE and ALTER imply DESCRIBE, ALTER_CONFIGS implies DESCRIBE_CONFIGS.
 */
function allows(gs: Grant[], type: string, name: string, op: string): boolean {
  const implied =
    op === 'describe' ? ['describe', 'read', 'write', 'delete', 'alter'] : op === 'describeconfigs' ? [op, 'alterconfigs'] : [op];
  return gs.some(
    (g) =>
      g.type === type && implied.includes(g.op) && (g.pattern === 'literal' ? g.name === name || g.name === '*' : name.startsWith(g.name)),
  );
}

/** Every permission requirements.json and the Streams applications need, as (type, name, operation). */
function needs(model: HandoffModel): [string, string, string][] {
  const r: Requirements = requirementsOf(model);
  const out: [string, string, string][] = [];
  for (const t of r.topics ?? []) for (const op of t.operations ?? []) out.push(['topic', t.name, norm(op)]);
  for (const g of r.groups ?? []) out.push(['group', g, 'read']);
  for (const op of r.cluster ?? []) out.push(['cluster', CLUSTER, norm(op)]);
  for (const id of r.transactionalIds ?? []) out.push(['transactionalid', id, 'write'], ['transactionalid', id, 'describe']);
  for (const p of r.transactionalIdPrefixes ?? [])
    out.push(['transactionalid', `${p}x`, 'write'], ['transactionalid', `${p}x`, 'describe']);
  for (const a of model.streams) {
    for (const op of ['create', 'delete', 'read', 'write', 'describe', 'describeconfigs'])
      out.push(['topic', `${a.applicationId}-store-changelog`, op], ['topic', `${a.applicationId}-KSTREAM-0-repartition`, op]);
    out.push(['group', a.applicationId, 'read']);
    if (a.exactlyOnce) out.push(['transactionalid', `${a.applicationId}-4f1c2d3e-0`, 'write']);
  }
  return out;
}

/** Each case's model, and the same stack under an allow-list (LITERAL grants) with the principal unknown. */
function models(): [string, HandoffModel][] {
  const out: [string, HandoffModel][] = [];
  for (const [name, from] of Object.entries(HANDOFF_CASES)) {
    const model = inferHandoff(compileCase(from));
    if (!model) throw new Error(`${name}: no handoff`);
    out.push([name, model]);
    const allowList: HandoffModel = { ...model, spec: { ...model.spec, topics: { allow: model.topics.map((t) => t.name) } } };
    delete allowList.spec.groups;
    delete allowList.principal;
    out.push([`${name}, allow-list`, allowList]);
  }
  return out;
}

describe('handoff forms agree with acls.sh and topics.sh', () => {
  for (const [name, model] of models()) {
    it(name, () => {
      const acls = fromAclsSh(renderAclsScript(model));
      // the spec's prefix decides the pattern of the topic and group grants (Streams' `<application.id>-` is always a prefix)
      const prefix = { topic: model.spec.topics?.prefix, group: model.spec.groups?.prefix };
      for (const g of acls.filter((x) => (x.type === 'group' || x.type === 'topic') && !x.name.endsWith('-')))
        expect(g.pattern, `${g.type} ${g.name}`).toBe(prefix[g.type as 'topic' | 'group'] ? 'prefixed' : 'literal');
      for (const [form, grants] of Object.entries(grantForms(model))) expect(keys(grants), form).toEqual(keys(acls));
      const topics = topicForms(model);
      for (const [form, list] of Object.entries(topics)) expect(list, form).toEqual(topics['topics.sh']);
      expect(topics['topics.sh']).toHaveLength(model.topics.length);
      for (const [type, res, op] of needs(model)) expect(allows(acls, type, res, op), `${op} on ${type} ${res}`).toBe(true);
    });
  }

  it('the ACL forms grant what iam-policy.json grants on the cluster, and the topics the workloads create', () => {
    let browsed = 0;
    let created = 0;
    for (const [name, model] of models()) {
      const acls = fromAclsSh(renderAclsScript(model));
      const policy = iamPolicyOf(model) as { Statement: { Sid: string; Action: string[] }[] };
      const onCluster = policy.Statement.find((st) => st.Sid === 'Connect')?.Action ?? [];
      // the cluster operations of the one model, but idempotent writes: WRITE on a topic allows those (KIP-679)
      const want = clusterNeedOf(model).cluster.filter((op) => op !== 'IdempotentWrite');
      const clusterOps = acls.filter((g) => g.type === 'cluster').map((g) => g.op);
      expect(clusterOps.sort(), name).toEqual(want.map(norm).sort());
      expect((requirementsOf(model).cluster ?? []).map(norm).sort(), name).toEqual(clusterOps);
      for (const op of want) expect(onCluster, `${name}: ${op}`).toEqual(expect.arrayContaining([...MSK_CLUSTER_ACTIONS[op].cluster]));
      if (want.length) {
        browsed++;
        // a browsing workload sees every topic and group, as the policy lets it
        const tp = model.spec.topics?.prefix ?? '';
        const gp = model.spec.groups?.prefix ?? '';
        expect(allows(acls, 'topic', `${tp}any-topic`, 'describe'), name).toBe(true);
        expect(allows(acls, 'topic', `${tp}any-topic`, 'describeconfigs'), name).toBe(true);
        expect(allows(acls, 'group', `${gp}any-group`, 'describe'), name).toBe(true);
      }
      // the topics a workload creates itself (a Connect worker's storage topics) are created under the ACLs too
      const creating = [...new Set(model.services.flatMap((s) => s.creates))];
      if (creating.length)
        expect(
          policy.Statement.some((st) => st.Sid === 'CreateTopics'),
          name,
        ).toBe(true);
      for (const t of creating) {
        created++;
        expect(allows(acls, 'topic', t, 'create'), `${name}: create ${t}`).toBe(true);
        expect(requirementsOf(model).topics?.find((r) => r.name === t)?.operations, `${name}: ${t}`).toContain('CREATE');
      }
    }
    expect(browsed).toBeGreaterThan(0);
    expect(created).toBeGreaterThan(0);
  });

  it('the Streams case needs transactional-id, Streams and subject grants, and graft check can probe them', () => {
    const model = models().find(([n]) => n === 'compose-streams-transactions')?.[1];
    if (!model) throw new Error('no streams case');
    const acls = fromAclsSh(renderAclsScript(model));
    expect(keys(acls.filter((g) => g.type === 'transactionalid'))).toEqual(
      keys([
        grant('transactional-id', 'literal', 'orders-tx', 'Write'),
        grant('transactional-id', 'literal', 'orders-tx', 'Describe'),
        grant('transactional-id', 'prefixed', 'acme.enricher-', 'Write'),
        grant('transactional-id', 'prefixed', 'acme.enricher-', 'Describe'),
        grant('transactional-id', 'prefixed', 'billing-tx-', 'Write'),
        grant('transactional-id', 'prefixed', 'billing-tx-', 'Describe'),
      ]),
    );
    // the topic prefix already covers the internal topics' Read/Write/Describe: only Create and Delete are added
    expect(keys(acls.filter((g) => g.name === 'acme.enricher-' && g.type === 'topic'))).toEqual(
      keys([grant('topic', 'prefixed', 'acme.enricher-', 'Create'), grant('topic', 'prefixed', 'acme.enricher-', 'Delete')]),
    );
    const req = requirementsOf(model);
    expect(req.transactionalIds).toEqual(['orders-tx']);
    expect(req.transactionalIdPrefixes).toEqual(['acme.enricher-', 'billing-tx-']);
    // orders registers nothing itself; enricher's subjects are auto-registered, so only orders' must exist
    expect(req.schemaRegistry?.subjects).toEqual(['acme.orders-value']);
    expect(model.subjects.map((s) => s.name)).toEqual([
      'acme.orders-enriched-key',
      'acme.orders-enriched-value',
      'acme.orders-key',
      'acme.orders-value',
    ]);
    expect(model.unknowns.map((u) => u.code)).toEqual(['HANDOFF_SUBJECTS_UNKNOWN']);
    expect(model.unknowns[0]?.message).toContain('billing');
  });

  it('an application.id the compile does not rename keeps its name, and says so', () => {
    const dir = mkdtempSync(join(tmpdir(), 'graft-handoff-'));
    try {
      const golden = join(ROOT, 'src', HANDOFF_CASES['compose-streams-transactions'] ?? '');
      cpSync(join(golden, 'input'), dir, { recursive: true });
      const bindings = readFileSync(join(dir, 'graft.yaml'), 'utf8');
      writeFileSync(join(dir, 'graft.yaml'), bindings.replace('      groupEnv: [APPLICATION_ID]\n', ''));
      const model = inferHandoff(compileStack({ stack: dir, spec: join(golden, 'kafka.yaml') }));
      expect(model?.streams.map((a) => a.applicationId)).toEqual(['enricher']);
      expect(model?.transactionalIdPrefixes).toEqual(['billing-tx-', 'enricher-']);
      expect(model?.unknowns.map((u) => u.code)).toContain('HANDOFF_APPLICATION_ID_UNRENAMED');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('Terraform resource names stay unique when a literal id and a prefix share a name', () => {
    const model = models().find(([n]) => n === 'compose-streams-transactions')?.[1];
    if (!model) throw new Error('no streams case');
    const same = { ...model, transactionalIds: ['billing-tx-'] };
    for (const [text, type] of [
      [renderTerraform(same), 'kafka_acl'],
      [renderConfluentTerraform(same), 'confluent_kafka_acl'],
    ] as const) {
      const names = [...text.matchAll(new RegExp(`^resource "${type}" "([^"]+)"`, 'gm'))].map((m) => m[1]);
      expect(names.length).toBe(fromAclsSh(renderAclsScript(same)).length);
      expect(new Set(names).size, type).toBe(names.length);
    }
  });
});
