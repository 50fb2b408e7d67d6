import { advertisedListeners } from '../../core/endpoints.js';
import type { Diagnostic } from '../../core/diagnostic.js';
import { isIdleTool } from '../../detect/behaviour.js';
import { cliClientImage, imageRole } from '../../detect/images.js';
import { envLiterals, type K8sAnalysis } from './analyze.js';
import { seqAt, spanOf, type Resource } from './parse.js';
import { scalarText } from '../yaml/nodes.js';
import type { Bindings } from '../../bindings/types.js';
import type { Plan } from '../../plan/types.js';
import type { CustomerKafka } from '../../spec/types.js';
import type { Workload } from './workloads.js';
import { volumeFiles } from './tool-config.js';

const ADVERTISED = /^KAFKA_(CFG_)?ADVERTISED_(LISTENERS|HOST_NAME)$/;

/**
 * A dropped broker workload that advertises itself under a name of the stack (its Service) is there for clients in the
 * cluster. When graft found none — nothing was rewired or refused — the workloads that stay reach it by an address
 * their images or the commands run in them carry (a demo's `kubectl exec … --broker-list kafka-service:9092`), which
 * points at nothing once the broker is dropped: an error naming them, unless the vendor declared each one.
 */
export function checkUnseenClients(analysis: K8sAnalysis, plan: Plan, diagnostics: Diagnostic[], bindings?: Bindings): Set<Workload> {
  if (plan.rewired.length > 0 || diagnostics.some((d) => d.severity === 'error')) return new Set();
  const keptInfra = new Set(analysis.kept.map((k) => k.resource));
  const kept = analysis.workloads.filter(
    (w) =>
      !analysis.dropped.has(w.resource) &&
      !keptInfra.has(w.resource) &&
      !bindings?.infrastructure.has(w.resource.name) &&
      !bindings?.clients.has(w.resource.name),
  );
  if (kept.length === 0) return new Set();
  for (const w of analysis.workloads) {
    if (analysis.dropped.get(w.resource)?.role !== 'broker') continue;
    for (const c of w.containers) {
      const hit = [...envLiterals(c.node)].find(
        ([k, v]) => ADVERTISED.test(k) && advertisedListeners(v).some(({ host }) => analysis.kafkaHosts.has(host.split('.')[0] ?? host)),
      );
      if (!hit) continue;
      const names = kept.map((k) => k.resource.id);
      diagnostics.push({
        code: 'K8S_UNSEEN_CLIENTS',
        severity: 'error',
        message:
          `the dropped broker ${w.resource.id} advertises ${hit[0]} = ${hit[1]} to clients in the cluster, but no kept workload names it: ` +
          `${names.join(', ')} would reach it by an address their images or commands carry, which points at nothing once it is dropped`,
        help:
          `declare each kept workload in graft.yaml: the Kafka clients under kafka.clients (family and env bindings) so graft can configure them, ` +
          `the others as kafka.infrastructure: [${kept.map((k) => `{ service: ${k.resource.name}, role: none }`).join(', ')}]`,
        subject: spanOf(w.resource),
      });
      return new Set(kept);
    }
  }
  return new Set();
}

const BROKER_ROLES = /^(broker|strimzi-kafka|strimzi-kafkanodepool|cfk-kafka|redpanda-redpanda)$/;

/**
 * A kept workload that evidently is a Kafka client of the Kafka graft drops, that graft neither configured nor refused
 * and that the vendor did not declare: once the Kafka is dropped, the address it uses points at nothing. One walk over
 * the kept workloads, one code per cause:
 *
 * - `K8S_UNSEEN_CLIENTS`: it runs a Kafka command-line client's image (kcat), a Kafka image that runs no broker (a
 *   shell for the client tools it ships), or mounts a Secret the dropped operator generated, and nothing in it names
 *   the Kafka: the address comes with the commands run in it (`kubectl exec … -b my-cluster-kafka-bootstrap:9092`), and
 *   an operator's Secret would be replaced by the customer's under other keys. The error names the files it reads its
 *   settings from and the binding that lets graft configure it.
 * - `K8S_KAFKA_TOOL_UNCONFIGURED`: its command runs one of Kafka's tools (a producer perf test, a console producer),
 *   whose address and settings are where graft cannot see them (a file from a Secret created outside the stack).
 *   Reported only when graft refused nothing before this check: that refusal is what the vendor fixes first.
 */
export function checkUnconfiguredTools(
  analysis: K8sAnalysis,
  plan: Plan,
  diagnostics: Diagnostic[],
  spec: CustomerKafka,
  bindings: Bindings | undefined,
  named: ReadonlySet<Workload>,
): void {
  // the brokers: workloads, or the operator resources that declare them
  const brokers = [...analysis.dropped].filter(([, d]) => BROKER_ROLES.test(d.role)).map(([r]) => r);
  if (brokers.length === 0 && analysis.kafkaHosts.size === 0 && analysis.clusters.size === 0) return;
  // a tool of Kafka's is reported when graft refused nothing before: that refusal is what the vendor fixes first
  const tools = analysis.kafkaHosts.size > 0 || analysis.clusters.size > 0 ? !diagnostics.some((d) => d.severity === 'error') : false;
  const keptInfra = new Set(analysis.kept.map((k) => k.resource));
  // the resources graft configured a client in, looked up once rather than by a scan of the plan per workload
  const configured = new Set(
    plan.rewired.flatMap((i) => (i.family !== 'secret-volume' && i.id ? [resourceKey(i.id.file, i.id.kind, i.id.name)] : [])),
  );
  const unconfigured: Diagnostic[] = [];
  let shells = 0;
  for (const w of analysis.workloads) {
    const r = w.resource;
    if (analysis.dropped.has(r) || keptInfra.has(r) || named.has(w)) continue;
    if (bindings?.infrastructure.has(r.name) || bindings?.clients.has(r.name) || bindings?.clients.has(`${r.kind}/${r.name}`)) continue;
    const shell = brokers.length > 0 ? toolShell(analysis, configured, diagnostics, spec, bindings, w, brokers) : undefined;
    if (shell) {
      diagnostics.push(shell);
      shells++;
      continue;
    }
    const tool = tools ? kafkaTool(analysis, plan, diagnostics, w) : undefined;
    if (tool) unconfigured.push(tool);
  }
  if (shells === 0) diagnostics.push(...unconfigured);
}

// the workload's own span: a rewired item or a diagnostic there is about it
const within = (r: Resource, at?: { file: string; start: number }): boolean =>
  at !== undefined && at.file === r.file.path && at.start >= r.range[0] && at.start < r.range[1];

const resourceKey = (file: string, kind: string, name: string): string => JSON.stringify([file, kind, name]);

/** `K8S_UNSEEN_CLIENTS` for a kcat Pod, an idle Kafka image or a Pod mounting the dropped operator's Secrets. */
function toolShell(
  analysis: K8sAnalysis,
  configured: ReadonlySet<string>,
  diagnostics: readonly Diagnostic[],
  spec: CustomerKafka,
  bindings: Bindings | undefined,
  w: Workload,
  brokers: readonly Resource[],
): Diagnostic | undefined {
  const r = w.resource;
  if (configured.has(resourceKey(r.file.path, r.kind, r.name))) return undefined;
  if (
    diagnostics.some(
      (d) => d.severity === 'error' && d.subject?.file === r.file.path && d.subject.start >= r.range[0] && d.subject.end <= r.range[1],
    )
  )
    return undefined;
  for (const c of w.containers.filter((x) => !x.init)) {
    if (bindings?.clients.has(`${r.name}/${c.name}`)) continue;
    const files = volumeFiles(analysis, w, c);
    const operator = files.filter((f) => f.kind === 'Secret' && analysis.operatorSecrets.has(f.name));
    const cli = cliClientImage(c.image);
    // a Kafka image kept running for kubectl exec (a shell, a sleep); one that runs a program is its own client
    const command = [...seqAt(c.node, 'command'), ...seqAt(c.node, 'args')].map((n) => scalarText(n)).join(' ');
    const kafkaImage = imageRole(c.image) === 'broker' && isIdleTool({ name: r.name, env: envLiterals(c.node), command });
    if (!cli && !kafkaImage && operator.length === 0) continue;
    const what = cli
      ? `${c.image}, ${cli} (a librdkafka client)`
      : kafkaImage
        ? `${c.image}, a Kafka image running no broker (a shell for its client tools)`
        : c.image;
    const configs = files.filter((f) => f.kind === 'ConfigMap' && f.files.length > 0);
    const reads = configs.map((f) => `${f.files.join(', ')} (ConfigMap ${f.name})`);
    const secrets = operator.map(
      (f) =>
        `Secret ${f.name} at ${f.path}, which the dropped operator generated (${analysis.operatorSecrets.get(f.name) === 'user' ? 'a KafkaUser' : 'the cluster CA'}) and whose keys the customer's secrets do not match`,
    );
    // the file kcat reads by itself ($HOME/.config/kcat.conf), or a properties file graft could complete
    const file = configs.flatMap((f) => f.files).find((p) => (cli ? /\.conf$|\.properties$/ : /\.properties$/).test(p));
    const family = cli ? 'librdkafka-properties' : 'java-properties';
    const keep = `kafka.infrastructure: [{ service: ${r.name}, role: none }] keeps it as it is, for its users to give it the customer's settings themselves`;
    const help =
      cli && spec.sasl?.mechanism === 'AWS_MSK_IAM'
        ? `${cli} is built on librdkafka, which cannot authenticate with AWS_MSK_IAM: remove ${r.id} from the stack, or declare it in graft.yaml: ${keep}`
        : file
          ? `declare it in graft.yaml so graft writes the customer's settings into ${file}: kafka.clients: { ${r.name}: { family: ${family}, configFile: ${file} } }; or ${keep}`
          : `declare it in graft.yaml: under kafka.clients (family and env or configFile bindings) so graft can configure it; or ${keep}`;
    return {
      code: 'K8S_UNSEEN_CLIENTS',
      severity: 'error',
      message:
        `${r.id} runs ${what} beside the Kafka graft drops (${brokers.map((d) => d.id).join(', ')}), but nothing in it names that Kafka: ` +
        `the address it uses comes with the commands run in it, which point at nothing once it is dropped` +
        (reads.length ? `; it reads ${reads.join(', ')}` : '') +
        (secrets.length ? `; it mounts ${secrets.join(', ')}` : ''),
      help,
      subject: spanOf(r),
    };
  }
  return undefined;
}

// Kafka's command-line clients and tools
const KAFKA_TOOL =
  /\bkafka-(console-producer|console-consumer|producer-perf-test|consumer-perf-test|verifiable-producer|verifiable-consumer|topics|configs|acls|consumer-groups)(\.sh)?\b|\bkcat\b|\bkafkacat\b/;

/**
 * `K8S_KAFKA_TOOL_UNCONFIGURED` for a workload whose command runs Kafka's tools (or a kcat container), when graft
 * configured and refused nothing of it nor of a Secret or ConfigMap of the stack it mounts (its properties file).
 */
function kafkaTool(analysis: K8sAnalysis, plan: Plan, diagnostics: readonly Diagnostic[], w: Workload): Diagnostic | undefined {
  const tool = w.containers
    .filter((c) => !c.init)
    .map((c) => {
      const command = [...seqAt(c.node, 'command'), ...seqAt(c.node, 'args')].map((n) => scalarText(n)).join(' ');
      const run = KAFKA_TOOL.exec(command)?.[0];
      return { c, what: run ? `runs ${run}` : cliClientImage(c.image) ? `is a ${c.image} container` : undefined };
    })
    .find((x) => x.what !== undefined);
  if (!tool) return undefined;
  const mounted = analysis.resources.filter(
    (r) => (r.kind === 'Secret' && w.secrets.has(r.name)) || (r.kind === 'ConfigMap' && w.configMaps.has(r.name)),
  );
  const touched = (at?: { file: string; start: number }): boolean => [w.resource, ...mounted].some((r) => within(r, at));
  if (plan.rewired.some((i) => i.family !== 'secret-volume' && touched(i.at))) return undefined;
  if (diagnostics.some((d) => d.severity === 'error' && touched(d.subject))) return undefined;
  const stackSecrets = new Set(analysis.resources.filter((r) => r.kind === 'Secret').map((r) => r.name));
  const outside = [...w.secrets].filter((s) => !stackSecrets.has(s));
  return {
    code: 'K8S_KAFKA_TOOL_UNCONFIGURED',
    severity: 'error',
    message:
      `${w.resource.id} (container ${tool.c.name}) ${tool.what ?? ''}, a Kafka client of the Kafka graft drops, but graft found ` +
      `nothing in it to configure: its address and settings are where graft cannot see them` +
      (outside.length > 0
        ? ` (the Secret${outside.length === 1 ? '' : 's'} ${outside.join(', ')} it mounts ${outside.length === 1 ? 'is' : 'are'} not in the stack)`
        : '') +
      `, and once the Kafka is dropped they point at nothing`,
    help:
      `give it the customer's settings: declare it in graft.yaml under kafka.clients.${w.resource.name} (its family and where it reads its settings), ` +
      `or remove it from the stack; if it does not talk to Kafka, declare kafka.infrastructure: [{ service: ${w.resource.name}, role: none }]`,
    subject: spanOf(w.resource, tool.c.node.get('name', true) ?? undefined),
  };
}
