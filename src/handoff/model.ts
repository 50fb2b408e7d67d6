import { CONNECT_STORAGE, directionOf, GROUP_KEY, namesIn as names, TOPIC_KEY } from '../naming/index.js';
import { findFamily } from '../clients/index.js';
import type { CompileResult } from '../compile/pipeline.js';
import { redactMessage } from '../core/redact.js';
import { customerName } from '../check/requirements.js';
import type { CustomerKafka } from '../spec/types.js';
import { isSecret } from '../spec/types.js';
import { namesOf, readOrigin, serviceKey, type ClientEnv } from './origin.js';
import type { FileName } from '../formats/types.js';
import { planIdKey, type PlanId } from '../plan/types.js';
import { bindingClient, type HandoffModel, type HandoffUnknown, type ServiceNeed, type TopicNeed } from './types.js';
import { inferSubjects } from './subjects.js';
import { inferTransactional } from './streams.js';
import { collectSecrets } from '../spec/rules.js';

interface Use {
  service: string;
  /** The client, where the stack's environment or a rename names it (a graft.yaml binding alone gives only its name). */
  id?: PlanId;
  topic: string;
  dir: 'produces' | 'consumes' | 'both' | undefined;
  where: string;
}

interface GroupUse {
  service: string;
  id?: PlanId;
  group: string;
}

/** The family graft configured a client as: its rewired plan entry's. */
function familyOf(result: CompileResult, id: PlanId | undefined): string | undefined {
  let families = familiesById.get(result);
  if (!families) {
    families = new Map();
    for (const r of result.plan.rewired) if (!families.has(planIdKey(r.id))) families.set(planIdKey(r.id), r.family);
    familiesById.set(result, families);
  }
  return id && families.get(planIdKey(id));
}

const familiesById = new WeakMap<CompileResult, Map<string, string>>();

/**
 * Topic and group uses of each client: bindings, then name variables, then the names its properties files give, then
 * settings graft renamed elsewhere (Connect).
 */
function collectUses(result: CompileResult, env: ClientEnv[], fileNames: readonly FileName[]): { uses: Use[]; groups: GroupUse[] } {
  const uses: Use[] = [];
  const groups: GroupUse[] = [];
  for (const e of env) {
    const f = findFamily(familyOf(result, e.id) ?? '');
    const b = result.bindings?.clients.get(e.bindingKey);
    const isTopic = TOPIC_KEY.test(e.key) || (f?.topicEnv ?? []).some((r) => r.test(e.key)) || (b?.topicEnv ?? []).includes(e.key);
    const isGroup = GROUP_KEY.test(e.key) || (f?.groupEnv ?? []).some((r) => r.test(e.key)) || (b?.groupEnv ?? []).includes(e.key);
    for (const n of names(e.value)) {
      if (isTopic) uses.push({ service: e.service, id: e.id, topic: n, dir: directionOf(e.key), where: `env ${e.key}` });
      else if (isGroup) groups.push({ service: e.service, id: e.id, group: n });
    }
  }
  for (const f of fileNames) {
    for (const n of names(f.value)) {
      if (f.kind === 'topic') uses.push({ service: f.service, topic: n, dir: directionOf(f.setting), where: f.where });
      else groups.push({ service: f.service, group: n });
    }
  }
  // a properties file's names are listed above, renamed or not
  const inFiles = new Set(fileNames.map((f) => `${f.service}\0${f.setting}`));
  const withEnv = new Set(env.map((e) => planIdKey(e.id)));
  for (const r of result.plan.renames) {
    if (inFiles.has(`${r.service}\0${r.setting}`)) continue;
    if (r.setting.startsWith('spec.') || !withEnv.has(planIdKey(r.id))) {
      if (r.kind === 'topic') uses.push({ service: r.service, id: r.id, topic: r.from, dir: directionOf(r.setting), where: r.setting });
      else groups.push({ service: r.service, id: r.id, group: r.from });
    }
  }
  for (const b of result.bindings?.clients.values() ?? []) {
    const svc = bindingClient(b.service, env);
    for (const t of b.produces ?? []) uses.push({ ...svc, topic: t, dir: 'produces', where: 'graft.yaml produces' });
    for (const t of b.consumes ?? []) uses.push({ ...svc, topic: t, dir: 'consumes', where: 'graft.yaml consumes' });
    for (const g of b.groups ?? []) groups.push({ ...svc, group: g });
  }
  return { uses, groups };
}

// rewired things that are not application clients: UIs browse whatever exists, policies carry no traffic, and
// Terraform references (outputs, SSM parameters) only pass the address on
const NOT_CLIENTS = /^(?:kafka-ui|conduktor|akhq|kafdrop|redpanda-console|network-policy|reference|iam-policy|security-group)$/;

// format diagnostics that name a role outside the stack and the grant it needs
const ROLE_GRANT_CODES: ReadonlySet<string> = new Set(['TF_ROLE_GRANT_NEEDED', 'CFN_ROLE_GRANT_NEEDED']);

const sorted = (xs: Iterable<string>): string[] => [...new Set(xs)].sort();

/** The principal the appliance authenticates as, when the spec names it. */
function principalOf(spec: CustomerKafka): string | undefined {
  const username = spec.sasl?.username;
  if (typeof username === 'string') return `User:${username}`;
  // no authentication: Kafka's principal for unauthenticated connections
  if (spec.securityProtocol === 'PLAINTEXT' || (spec.securityProtocol === 'SSL' && !spec.tls?.clientCert)) return 'User:ANONYMOUS';
  return undefined;
}

function principalSource(spec: CustomerKafka): string {
  if (isSecret(spec.sasl?.username)) return 'the SASL username is a secret reference';
  if (spec.sasl?.mechanism === 'OAUTHBEARER') return "the principal is the token's subject (sub), set by your identity provider";
  if (spec.sasl?.mechanism === 'AWS_MSK_IAM') return 'MSK IAM authorizes with the IAM role policy, not Kafka ACLs';
  return "the principal is the client certificate's subject (as mapped by ssl.principal.mapping.rules)";
}

/**
 * Consumers whose group the stack does not name, with the grant to make: a Lambda event source without a consumer
 * group id consumes in a group named after the mapping's UUID (known once it exists, and outside any group prefix); a
 * Spring Boot application takes its group from its code (`@KafkaListener`) when no setting names it.
 */
function unknownGroups(result: CompileResult, env: ClientEnv[], services: ServiceNeed[], unknowns: HandoffUnknown[]): void {
  const sasl = result.spec?.sasl?.mechanism;
  const keysById = new Map<string, Set<string>>();
  for (const e of env) {
    const k = planIdKey(e.id);
    let keys = keysById.get(k);
    if (!keys) keysById.set(k, (keys = new Set()));
    keys.add(e.key);
  }
  for (const s of services) {
    if (s.consumes.length === 0 || s.groups.length > 0) continue;
    const id = s.id;
    const keys = (id && keysById.get(planIdKey(id))) || new Set<string>();
    const topics = s.consumes.join(', ');
    const grant =
      sasl === 'AWS_MSK_IAM'
        ? 'kafka-cluster:AlterGroup and kafka-cluster:DescribeGroup on arn:aws:kafka:<region>:<account>:group/<cluster>/*/<group>'
        : 'kafka-acls.sh --add --allow-principal "$PRINCIPAL" --operation Read --group <group>';
    if (keys.has('CONSUMER_TOPICS'))
      unknowns.push({
        code: 'HANDOFF_GROUP_UNKNOWN',
        message: `${s.service} consumes ${topics} in the consumer group Lambda names after the event source mapping's UUID (it sets no consumer group id): once the mapping exists, grant it with ${grant.replace('<group>', '<mapping UUID>')}, or give the mapping a consumer group id and compile again`,
      });
    else if (familyOf(result, s.id) === 'spring-boot')
      unknowns.push({
        code: 'HANDOFF_GROUP_UNKNOWN',
        message: `${s.service} consumes ${topics} but no setting names its consumer group (Spring Boot takes it from @KafkaListener groupId/id in the code): declare it in graft.yaml (kafka.clients.<name>.groups) or grant it with ${grant}`,
      });
  }
}

/** Infers what the customer must create and grant from a successful compile. */
export function inferHandoff(result: CompileResult): HandoffModel | undefined {
  const spec = result.spec;
  if (!spec) return undefined;
  const origin = readOrigin(result);
  const unknowns: HandoffUnknown[] = [];
  const tp = spec.topics?.prefix;
  const gp = spec.groups?.prefix;
  const topics = new Map<string, TopicNeed>();
  const topic = (stackName: string): TopicNeed => {
    const name = customerName(stackName, tp);
    let t = topics.get(name);
    if (!t) topics.set(name, (t = { name, stackName, configs: {}, producers: [], consumers: [] }));
    return t;
  };
  for (const c of origin.created) {
    const { createdBy, name, ...settings } = c;
    Object.assign(topic(name), settings, { createdBy });
  }
  for (const u of origin.unparsed)
    unknowns.push({
      code: 'HANDOFF_TOPIC_CREATE_UNPARSED',
      // a helper's command line may carry a credential (rpk --password, -X pass=...)
      message: `${u.by} runs \`${redactMessage(u.command)}\`; the topic it creates is not listed`,
    });
  const { uses, groups } = collectUses(result, origin.env, origin.fileNames ?? []);
  const services = new Map<string, ServiceNeed>();
  const service = (s: string, id?: PlanId): ServiceNeed => {
    let n = services.get(s);
    if (n && id && !n.id) n.id = id;
    if (!n)
      services.set(
        s,
        (n = {
          service: s,
          ...(id ? { id } : {}),
          produces: [],
          consumes: [],
          groups: [],
          autoCreated: [],
          creates: [],
          transactionalIds: [],
          transactionalIdPrefixes: [],
          subjects: [],
        }),
      );
    return n;
  };
  // a use with a direction settles the same service's undirected uses of that topic
  const directed = new Set(uses.filter((u) => u.dir).map((u) => `${u.service}\0${u.topic}`));
  for (const u of uses) {
    if (!u.dir && directed.has(`${u.service}\0${u.topic}`)) continue;
    const t = topic(u.topic);
    const s = service(u.service, u.id);
    if (u.dir !== 'consumes') {
      t.producers.push(u.service);
      s.produces.push(t.name);
    }
    if (u.dir !== 'produces') {
      t.consumers.push(u.service);
      s.consumes.push(t.name);
    }
    if (u.dir === 'both' && CONNECT_STORAGE.test(u.where)) {
      t.configs['cleanup.policy'] ??= 'compact';
      // a Connect worker creates its storage topics at start when they are missing
      s.creates.push(t.name);
    }
    if (!u.dir)
      unknowns.push({
        code: 'HANDOFF_TOPIC_USE_UNKNOWN',
        message: `${u.service} names topic ${t.name} in ${u.where}, which does not say whether it produces or consumes: READ and WRITE are granted`,
      });
  }
  for (const g of groups) service(g.service, g.id).groups.push(customerName(g.group, gp));
  const streams = inferTransactional(result, origin.env, service, unknowns);
  for (const t of topics.values()) {
    t.producers = sorted(t.producers);
    t.consumers = sorted(t.consumers);
    if (t.createdBy) continue;
    for (const s of [...t.producers, ...t.consumers]) service(s).autoCreated.push(t.name);
    unknowns.push({
      code: 'HANDOFF_TOPIC_AUTO_CREATED',
      message: `topic ${t.name} (used by ${sorted([...t.producers, ...t.consumers]).join(', ')}) was auto-created by the origin broker: choose its partitions, replication and retention`,
    });
  }
  const allow = spec.topics?.allow;
  for (const t of topics.values())
    if (allow && !allow.includes(t.name))
      unknowns.push({
        code: 'HANDOFF_TOPIC_OUTSIDE_ALLOW_LIST',
        message: `topic ${t.name} (${t.createdBy ?? 'used by the services'}) is not in topics.allow`,
      });
  for (const s of services.values()) {
    s.produces = sorted(s.produces);
    s.consumes = sorted(s.consumes);
    s.groups = sorted(s.groups);
    s.autoCreated = sorted(s.autoCreated);
    s.creates = sorted(s.creates);
    s.transactionalIds = sorted(s.transactionalIds);
    s.transactionalIdPrefixes = sorted(s.transactionalIdPrefixes);
  }
  unknownGroups(result, origin.env, [...services.values()], unknowns);
  const subjects = inferSubjects(result, [...services.values()], origin.env, unknowns);
  // the services by id where they have one, by name where they do not
  const byId = new Set([...services.values()].flatMap((s) => (s.id ? [planIdKey(s.id)] : [])));
  const byName = new Set([...services.values()].filter((s) => !s.id).map((s) => s.service));
  for (const r of result.plan.rewired) {
    const key = serviceKey(r);
    if (!byId.has(planIdKey(r.id)) && !byName.has(key) && !NOT_CLIENTS.test(r.family) && !/^(?:NetworkPolicy|ConfigMap)\//.test(key))
      unknowns.push({
        code: 'HANDOFF_SERVICE_UNDECLARED',
        message: `${key} (${r.family}) declares no topics or groups: add them to graft.yaml`,
      });
  }
  // a MirrorMaker 2 names topics of its own on the customer's cluster: the format said which
  for (const r of result.plan.rewired)
    if (r.id?.kind === 'KafkaMirrorMaker2')
      for (const note of r.notes.filter((n) => n.startsWith('MirrorMaker 2 ')))
        unknowns.push({ code: 'HANDOFF_MIRRORMAKER_NAMES', message: `${serviceKey(r)}: ${note}` });
  // roles outside the stack that must read the Kafka secrets: the format said which and what to grant
  for (const d of result.diagnostics)
    if (ROLE_GRANT_CODES.has(d.code)) unknowns.push({ code: 'HANDOFF_ROLE_GRANT', message: `${d.message}; ${d.help}` });
  const principal = principalOf(spec);
  if (!principal)
    unknowns.push({
      code: 'HANDOFF_PRINCIPAL_UNKNOWN',
      message: `${principalSource(spec)}: the scripts read the principal from $PRINCIPAL`,
    });
  const all = [...services.values()];
  if (all.every((s) => s.transactionalIds.length === 0 && s.transactionalIdPrefixes.length === 0))
    unknowns.push({
      code: 'HANDOFF_TRANSACTIONAL_IDS_UNKNOWN',
      message:
        'no transactional ids are declared; if a service uses transactions, declare them in graft.yaml (transactionalIds, transactionalIdPrefixes, kafkaStreams.exactlyOnce)',
    });
  return {
    spec,
    format: result.plan.format,
    ...(principal ? { principal } : {}),
    topics: [...topics.values()].sort((a, b) => (a.name < b.name ? -1 : 1)),
    groups: sorted([...services.values()].flatMap((s) => s.groups)),
    transactionalIds: sorted(all.flatMap((s) => s.transactionalIds)),
    transactionalIdPrefixes: sorted(all.flatMap((s) => s.transactionalIdPrefixes)),
    streams: streams.sort((a, b) => (a.applicationId < b.applicationId ? -1 : 1)),
    subjects,
    services: [...services.values()].sort((a, b) => (a.service < b.service ? -1 : 1)),
    vendorAcls: origin.vendorAcls,
    unknowns,
    secretReaders: collectSecrets(spec).map((secret) => ({
      secret,
      workloads: sorted(result.plan.secrets.filter((p) => p.specPath === secret.path).flatMap((p) => p.usedBy)),
    })),
    families: familiesOf(result),
    workloads: workloadIds(result),
    reloaded: new Set(result.facts?.().reloaded ?? []),
    workloadAccounts: result.facts?.().workloadAccounts ?? [],
    ecsServices: result.facts?.().ecsServices ?? [],
    taskRoles: result.facts?.().taskRoles ?? [],
    sourceRoles: result.facts?.().sourceRoles ?? [],
    ecsConfigInits: result.facts?.().ecsConfigInits ?? [],
  };
}

/** What each name the plan gives a rewired client, its workload or a secret's reader is, as a plan id. */
function workloadIds(result: CompileResult): Map<string, PlanId> {
  const out = new Map<string, PlanId>();
  for (const r of result.plan.rewired) for (const { name, id } of namesOf(r)) if (!out.has(name)) out.set(name, id);
  for (const s of result.plan.secrets)
    s.users?.forEach((id, i) => {
      const name = s.usedBy[i];
      if (name !== undefined && !out.has(name)) out.set(name, id);
    });
  return out;
}

/** The families of each workload, under every name the plan gives it (`Deployment/ns/x`, `Task/container`, `svc`). */
function familiesOf(result: CompileResult): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of result.plan.rewired)
    for (const name of new Set(namesOf(r).map((n) => n.name))) {
      const list = out.get(name) ?? [];
      if (!list.includes(r.family)) list.push(r.family);
      out.set(name, list.sort());
    }
  return out;
}
