import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { topicsCreatedBy, type InfraRole } from '../../detect/images.js';
import { findEndpointRuns, findUrls, isBareHost } from '../../core/endpoints.js';
import type { Diagnostic } from '../../core/diagnostic.js';
import type { Bindings } from '../../bindings/types.js';
import { detectRole, doubtAbout, isZookeeperKey, type Doubt } from '../../detect/behaviour.js';
import type { CustomerKafka } from '../../spec/types.js';
import { interpolate } from './dotenv.js';
import { ComposeModel } from './model.js';
import {
  deref,
  getKey,
  listServices,
  spanOfNode,
  readCommandSites,
  readDependsOn,
  readEnv,
  readHostNames,
  readImage,
  volumeEntries,
  type ComposeFile,
  type ComposeService,
  type EnvEntry,
  type StringSite,
} from './parse.js';
import { scalarText } from '../yaml/nodes.js';

/** A service of the stack, merged across the Compose files that define it. */
export interface ServiceInfo {
  name: string;
  /** Every place the service is defined, first file first. */
  defs: ComposeService[];
  image?: string;
  env: EnvEntry[];
  commands: StringSite[];
  hostNames: string[];
  role?: InfraRole;
  /** Why the service has its role (image, settings, command, or the vendor's declaration). */
  evidence?: string;
  /** Topics a kafka-init helper creates. */
  creates: string[];
  /** Services it extends (`extends:`), farthest first: their settings are its settings. */
  bases: ComposeService[];
  /** Built from a local Dockerfile. */
  built: boolean;
  /** The image that local Dockerfile starts from, when it is in the stack: what a client family goes by. */
  baseImage?: string;
  /** Container ports it exposes or publishes. */
  ports: number[];
  /** Container paths of its volumes. */
  mounts: string[];
}

/** Why a service is dropped. */
export interface DropDecision {
  role: InfraRole;
  reason: string;
}

/** What graft found in a Compose stack before rewriting it. */
export interface ComposeAnalysis {
  files: ComposeFile[];
  services: Map<string, ServiceInfo>;
  dropped: Map<string, DropDecision>;
  kafkaHosts: Set<string>;
  registryHosts: Set<string>;
  zookeeperHosts: Set<string>;
  /** Host names of the customer's bootstrap servers, so a compiled stack is recognized again. */
  customerHosts: Set<string>;
  /** Infrastructure kept because something that stays still uses it; `forItself`: the dropped Kafka never used it. */
  kept: { service: string; users: string[]; forItself?: boolean; configs?: string[] }[];
  /** include:, extends:, env_file: and the project's .env. */
  model: ComposeModel;
  /** Problems found while reading the model and classifying services. */
  diagnostics: Diagnostic[];
  /** Lists the files of a stack directory (a mounted `config.d/`), when the stack can be listed. */
  list?: (dir: string) => string[];
  /** Every file of the stack (paths relative to the stack root), when the stack can be listed. */
  paths?: readonly string[];
}

/** Merges the services of all files and decides which ones are embedded Kafka infrastructure to drop. */
export function analyzeCompose(
  files: ComposeFile[],
  spec: CustomerKafka,
  opts: { model?: ComposeModel; bindings?: Bindings; list?: (dir: string) => string[]; paths?: readonly string[] } = {},
): ComposeAnalysis {
  const model = opts.model ?? new ComposeModel();
  const services = new Map<string, ServiceInfo>();
  for (const file of files) {
    for (const def of listServices(file)) {
      let info = services.get(def.name);
      if (!info) {
        info = {
          name: def.name,
          defs: [],
          env: [],
          commands: [],
          hostNames: [],
          creates: [],
          bases: [],
          built: false,
          ports: [],
          mounts: [],
        };
        services.set(def.name, info);
      }
      info.defs.push(def);
      const bases = model.extendsChain(def);
      info.bases.push(...bases);
      for (const layer of [...bases, def]) {
        const image = readImage(layer);
        if (image) info.image = image;
        if (getKey(layer.map, 'build', layer.file) !== undefined) {
          info.built = true;
          const base = model.buildBase(layer);
          if (base) info.baseImage = base;
        }
        // env_file first, then environment; a later layer or file overrides a variable of an earlier one
        for (const e of [...model.envFileEntries(layer), ...readEnv(layer)]) {
          info.env = info.env.filter((x) => x.key !== e.key);
          info.env.push(e);
        }
        // a command of the service replaces its base's
        const sites = readCommandSites(layer);
        info.commands = [...info.commands.filter((c) => !sites.some((s) => s.where === c.where)), ...sites];
        info.ports.push(...readPorts(layer));
        info.mounts.push(...readMounts(layer));
      }
      info.hostNames = [...new Set([...info.hostNames, ...readHostNames(def)])];
    }
  }
  // a base or env file several services share is reported once
  const diagnostics: Diagnostic[] = model.diagnostics.filter(
    (d, i, all) => all.findIndex((o) => o.code === d.code && o.message === d.message && o.subject?.start === d.subject?.start) === i,
  );
  for (const info of services.values()) classify(info, model, opts.bindings);

  const dropped = new Map<string, DropDecision>();
  for (const info of services.values()) {
    const role = info.role;
    if (!role || role === 'zookeeper') continue;
    if (role === 'schema-registry' && !spec.schemaRegistry) continue;
    dropped.set(info.name, { role, reason: reasonFor(info, role) });
  }
  for (const d of opts.bindings?.infrastructure.values() ?? []) {
    if (services.has(d.service)) continue;
    diagnostics.push({
      code: 'COMPOSE_BINDING_UNKNOWN_SERVICE',
      severity: 'warning',
      message: `graft.yaml declares "${d.service}" as ${d.role === 'none' ? 'no Kafka infrastructure' : `a ${d.role}`}, but the stack has no such service`,
      help: 'fix the name or remove the declaration',
    });
  }
  const hostsOf = (roles: InfraRole[]): Set<string> =>
    new Set([...services.values()].filter((s) => s.role && roles.includes(s.role) && dropped.has(s.name)).flatMap((s) => s.hostNames));
  const kafkaHosts = hostsOf(['broker', 'controller']);
  const registryHosts = hostsOf(['schema-registry']);
  addLinkAliases(services, dropped, kafkaHosts);

  // ZooKeeper goes only when nothing that stays still uses it
  const zkServices = [...services.values()].filter((s) => s.role === 'zookeeper');
  const zookeeperHosts = new Set(zkServices.flatMap((s) => s.hostNames));
  const kept: ComposeAnalysis['kept'] = [];
  for (const zk of zkServices) {
    const users = [...services.values()].filter((s) => s !== zk && s.role !== 'zookeeper' && usesService(s, zk, zookeeperHosts));
    const liveUsers = users.filter((u) => !dropped.has(u.name) && !onlyZookeeperSettings(u, zookeeperHosts, kafkaHosts, model));
    // a kept service whose own mounted configuration names the ZooKeeper (ClickHouse's config.d <zookeeper>) uses it itself
    const configUsers = [...services.values()]
      .filter((s) => s !== zk && s.role !== 'zookeeper' && !dropped.has(s.name))
      .flatMap((s) => {
        const files = configNaming(s, zk, zookeeperHosts, model, opts.list);
        return files.length > 0 ? [{ name: s.name, files }] : [];
      });
    if (configUsers.length > 0) {
      const names = configUsers.map((u) => u.name);
      kept.push({
        service: zk.name,
        users: [...new Set([...names, ...liveUsers.map((u) => u.name)])],
        forItself: true,
        configs: configUsers.map((u) => `${u.name} (${u.files.join(', ')})`),
      });
      continue;
    }
    // a ZooKeeper no dropped broker used (the Kafka runs KRaft) serves the services that use it, not Kafka
    const forKafka = users.some((u) => dropped.has(u.name));
    if (liveUsers.length > 0 && !forKafka) {
      kept.push({ service: zk.name, users: liveUsers.map((u) => u.name), forItself: true });
      continue;
    }
    if (liveUsers.length === 0) {
      const by = users.filter((u) => dropped.has(u.name)).map((u) => u.name);
      const nominal = users.filter((u) => !dropped.has(u.name)).map((u) => u.name);
      dropped.set(zk.name, {
        role: 'zookeeper',
        reason: `${zk.evidence ?? `image ${zk.image ?? '?'} is ZooKeeper`}, used only by dropped services${by.length ? ` (${by.join(', ')})` : ''}${nominal.length ? `; kept services only depended on it or named it in settings graft removes (${nominal.join(', ')})` : ''}`,
      });
    } else {
      kept.push({ service: zk.name, users: liveUsers.map((u) => u.name) });
    }
  }
  const customerHosts = new Set(spec.bootstrapServers.map((s) => s.replace(/:\d+$/, '')));
  diagnostics.push(...undeclared(services, kafkaHosts, customerHosts, model, opts.bindings));
  return {
    files,
    services,
    dropped,
    kafkaHosts,
    registryHosts,
    zookeeperHosts,
    customerHosts,
    kept,
    model,
    diagnostics,
    ...(opts.list ? { list: opts.list } : {}),
    ...(opts.paths ? { paths: opts.paths } : {}),
  };
}

// a service that looks like a broker or ZooKeeper without showing it is an error until graft.yaml says what it is
function undeclared(
  services: Map<string, ServiceInfo>,
  kafkaHosts: ReadonlySet<string>,
  customerHosts: ReadonlySet<string>,
  model: ComposeModel,
  bindings: Bindings | undefined,
): Diagnostic[] {
  const doubts: { info: ServiceInfo; doubt: Doubt }[] = [];
  const unresolved: Diagnostic[] = [];
  let doubtful = false;
  // one set for every service, so the endpoint finder builds its expressions once
  const hosts = new Set([...kafkaHosts, ...customerHosts]);
  for (const info of services.values()) {
    if (info.role || bindings?.infrastructure.has(info.name) || bindings?.clients.has(info.name)) continue;
    // what it extends from a file graft cannot read may be the answer: that is the error to report, not a guess
    const hidden = info.defs.map((d) => extendsUnresolvedDiagnostic(model, info.name, d)).filter((d) => d !== undefined);
    if (hidden.length > 0) {
      doubtful ||= doubtAbout(unitOf(info, model)) !== undefined;
      unresolved.push(...hidden);
      continue;
    }
    // a service that names the embedded (or the customer's) Kafka is one of its clients
    const values = [...info.env.map((e) => interpolate(e.value ?? '', model.vars)), ...info.commands.map((c) => c.value)];
    if (values.some((v) => findEndpointRuns(v, hosts).length > 0 || isBareHost(v, kafkaHosts))) continue;
    const doubt = doubtAbout(unitOf(info, model));
    if (doubt) doubts.push({ info, doubt });
  }
  return [
    // once one of them may be the Kafka, every service extending a file graft cannot read is named at once
    ...(doubtful ? unresolved : []),
    ...doubts.map(({ info, doubt }) => {
      const def = info.defs[0];
      const others =
        doubts.length > 1
          ? ` (and ${doubts.length - 1} more: ${doubts
              .filter((d) => d.info !== info)
              .map((d) => d.info.name)
              .join(', ')})`
          : '';
      return {
        code: 'COMPOSE_INFRA_UNDECLARED',
        severity: 'error',
        message: `service "${info.name}" ${doubt.hints.join(' and ')}, but runs no Kafka or ZooKeeper settings or command graft can see; graft does not guess whether it is the embedded ${doubt.likely === 'zookeeper' ? 'ZooKeeper' : 'Kafka'}${others}`,
        help: `declare it in graft.yaml: kafka.infrastructure: [${doubts.map((d) => `{ service: ${d.info.name}, role: ${d.doubt.likely} }`).join(', ')}] (role: none keeps a service)`,
        subject: spanOfNode(def.file.source, def.pair.key as Node),
      } satisfies Diagnostic;
    }),
  ];
}

/** COMPOSE_EXTENDS_UNRESOLVED for a definition whose `extends: { file }` names a file outside the stack. */
export function extendsUnresolvedDiagnostic(model: ComposeModel, name: string, def: ComposeService): Diagnostic | undefined {
  const missing = model.extendsUnresolved(def);
  if (!missing) return undefined;
  return {
    code: 'COMPOSE_EXTENDS_UNRESOLVED',
    severity: 'error',
    message: `service "${name}" extends ${missing.file}, which is not in the stack; graft cannot see whether it runs or uses Kafka`,
    help: `graft reads only the files inside the stack folder: copy ${missing.file} into the stack and point extends: file: at the copy (or inline the service it extends), then compile again`,
    subject: spanOfNode(def.file.source, missing.node as Node),
  };
}

function unitOf(info: ServiceInfo, model: ComposeModel): Parameters<typeof detectRole>[0] {
  const env = new Map(info.env.map((e) => [e.key, interpolate(e.value ?? '', model.vars)]));
  const run = (where: string): string =>
    info.commands
      .filter((c) => c.where === where)
      .map((c) => c.value)
      .join(' ');
  const command = [run('entrypoint'), run('command')].filter(Boolean).join('\n');
  return {
    name: info.name,
    ...(info.image ? { image: interpolate(info.image, model.vars) } : {}),
    built: info.built,
    env,
    ...(command ? { command } : {}),
    healthcheck: run('healthcheck.test'),
    ports: info.ports,
    mounts: info.mounts,
  };
}

function readPorts(def: ComposeService): number[] {
  const out: number[] = [];
  for (const key of ['ports', 'expose']) {
    const seq = deref(getKey(def.map, key, def.file), def.file);
    if (!isSeq(seq)) continue;
    for (const item of seq.items) {
      // `[ip:]host:container[/proto]`, `container`, or `{ target: 9092 }`
      const text = isMap(item) ? scalarText(item.get('target', true)) : scalarText(item);
      const container = text.split('/')[0]?.split(':').pop() ?? '';
      const [from, to] = container.split('-').map(Number);
      if (from !== undefined && Number.isInteger(from)) for (let p = from; p <= (to ?? from) && p < from + 16; p++) out.push(p);
    }
  }
  return out;
}

function readMounts(def: ComposeService): string[] {
  return volumeEntries(def)
    .map((v) => v.target)
    .filter(Boolean);
}

function classify(info: ServiceInfo, model: ComposeModel, bindings: Bindings | undefined): void {
  const unit = unitOf(info, model);
  const declared = bindings?.infrastructure.get(info.name);
  if (declared) {
    if (declared.role !== 'none') {
      info.role = declared.role;
      info.evidence = `declared as ${declared.role} in graft.yaml`;
    }
  } else {
    const verdict = detectRole(unit);
    if (!verdict) return;
    info.role = verdict.role;
    if (!verdict.byImage) info.evidence = verdict.evidence;
  }
  if (info.role === 'kafka-init') info.creates = topicsCreatedBy(unit.command ?? '');
}

function reasonFor(info: ServiceInfo, role: InfraRole): string {
  // behaviour and declarations say why in their own words; a known image is described below
  if (info.evidence)
    return `${info.evidence}${role === 'schema-registry' && !info.evidence.startsWith('declared') ? ' and the customer provides one' : ''}`;
  const image = `image ${info.image ?? '?'}`;
  switch (role) {
    case 'broker':
      return `${image} is a Kafka broker`;
    case 'controller':
      return `${image} runs a KRaft controller (process.roles=controller)`;
    case 'kafka-init':
      return `${image} runs a one-shot Kafka tool against the embedded broker${info.creates.length ? ` (creates ${info.creates.join(', ')})` : ''}`;
    case 'schema-registry':
      return `${image} is a schema registry and the customer provides one`;
    case 'zookeeper':
      return `${image} is ZooKeeper`;
  }
}

// `links: [broker:kafka]` makes "kafka" a name of the broker for the linking service
function addLinkAliases(services: Map<string, ServiceInfo>, dropped: Map<string, DropDecision>, kafkaHosts: Set<string>): void {
  for (const s of services.values()) {
    for (const def of s.defs) {
      const links = def.map.get('links', true);
      if (!isSeq(links)) continue;
      for (const item of links.items) {
        if (!isScalar(item)) continue;
        const [target, alias] = String(item.value).split(':');
        const role = target ? dropped.get(target)?.role : undefined;
        if (alias && (role === 'broker' || role === 'controller')) kafkaHosts.add(alias);
      }
    }
  }
}

/** Tells whether a service depends on, links to, or names an endpoint of another service. */
export function usesService(s: ServiceInfo, target: ServiceInfo, targetHosts: ReadonlySet<string>): boolean {
  for (const def of s.defs) {
    if (readDependsOn(def).some((d) => d.name === target.name)) return true;
  }
  const hosts = new Set(target.hostNames.filter((h) => targetHosts.has(h)));
  const values = [...s.env.map((e) => e.value ?? ''), ...s.commands.map((c) => c.value)];
  return values.some((v) => findEndpointRuns(v, hosts).length > 0 || findUrls(v, hosts).length > 0);
}

/**
 * The stack files a service mounts for its own configuration that name a ZooKeeper service: as `host:port` or a URL,
 * or as a host element or key of its own (`<host>zookeeper1</host>`, `host: zookeeper1`, `host = "zookeeper1"`).
 */
function configNaming(
  s: ServiceInfo,
  zk: ServiceInfo,
  zkHosts: ReadonlySet<string>,
  model: ComposeModel,
  list: ((dir: string) => string[]) | undefined,
): string[] {
  const hosts = new Set(zk.hostNames.filter((h) => zkHosts.has(h)));
  if (hosts.size === 0) return [];
  const alt = [...hosts].map((h) => h.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const element = new RegExp(`<(host|hostname|server|address)>\\s*(${alt})\\s*</\\1>`);
  const keyed = new RegExp(`^\\s*["']?(host|hostname|server|address)["']?\\s*[:=]\\s*["']?(${alt})["']?\\s*,?\\s*$`, 'm');
  const files = new Set<string>();
  for (const def of s.defs) {
    for (const { rel, file } of model.mountedFiles(def, list)) {
      const t = file.text;
      if (findEndpointRuns(t, hosts).length > 0 || findUrls(t, hosts).length > 0 || element.test(t) || keyed.test(t)) files.add(rel);
    }
  }
  return [...files].sort();
}

// REST Proxy and friends carry an obsolete ZooKeeper setting that graft can simply remove: a ZooKeeper key of a
// Kafka client (it names the Kafka in its key, or talks to the embedded Kafka too); anyone else uses ZooKeeper itself
function onlyZookeeperSettings(
  s: ServiceInfo,
  zkHosts: ReadonlySet<string>,
  kafkaHosts: ReadonlySet<string>,
  model: ComposeModel,
): boolean {
  const refs = s.env.filter((e) => e.value !== undefined && findEndpointRuns(e.value, zkHosts).length > 0);
  const commandRefs = s.commands.filter((c) => findEndpointRuns(c.value, zkHosts).length > 0);
  const kafkaClient = [...s.env.map((e) => interpolate(e.value ?? '', model.vars)), ...s.commands.map((c) => c.value)].some(
    (v) => findEndpointRuns(v, kafkaHosts).length > 0,
  );
  return commandRefs.length === 0 && refs.every((e) => isZookeeperKey(e.key) && (kafkaClient || /KAFKA/.test(e.key)));
}
