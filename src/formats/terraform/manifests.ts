import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { findEndpointRuns, k8sHostSuffix } from '../../core/endpoints.js';
import { positionAt } from '../../core/span.js';
import { KAFKA_CHART } from './analyze.js';
import type { TfContext } from './context.js';
import type { TfEntity } from './parse.js';

/**
 * Kafka that a module applies as Kubernetes YAML graft does not rewrite: a `kubectl_manifest`'s `yaml_body`, a
 * `kubernetes_manifest` built with `yamldecode`, the `kubectl` provider's document data sources — inline, or read from a
 * file of the stack with `file()` / `templatefile()` (a `fileset()` for_each reads every file its pattern matches). A
 * Strimzi, Confluent for Kubernetes or Redpanda cluster resource there, or an Argo CD Application installing a Kafka
 * chart, is the vendor's Kafka: refused at the resource (`TF_MANIFEST_KAFKA`), and any other file the module reads that
 * names that cluster's bootstrap Service (Helm values) is refused too (`TF_MANIFEST_KAFKA_CLIENT`).
 */

/** Resource and data types whose YAML is applied to the cluster. */
const MANIFEST_TYPES =
  /^(kubectl_manifest|kubernetes_manifest|kubernetes_manifest_v1|kubectl_file_documents|kubectl_path_documents|kustomization_resource)$/;

const KAFKA_KINDS: Record<string, { product: string; kinds: RegExp }> = {
  'kafka.strimzi.io': { product: 'Strimzi', kinds: /^(Kafka|KafkaNodePool|KafkaTopic|KafkaUser|KafkaRebalance)$/ },
  'platform.confluent.io': { product: 'Confluent for Kubernetes', kinds: /^(Kafka|KRaftController|Zookeeper|KafkaTopic)$/ },
  'cluster.redpanda.com': { product: 'Redpanda', kinds: /^(Redpanda|Topic|User)$/ },
};

/** One Kafka document found in YAML a module applies. */
interface KafkaDoc {
  /** What it is, for the message: `Strimzi Kafka "data-on-eks"`. */
  what: string;
  /** The file (relative to the module) and line, or `inline` with the line in the .tf file. */
  where: string;
  /** Service host names its clients reach it by. */
  hosts: string[];
}

/** Refuses Kafka in applied YAML; true when some was found. */
export function refuseManifestKafka(ctx: TfContext): boolean {
  const { mod } = ctx;
  const dir = resolve(mod.dir);
  const found: { e: TfEntity; docs: KafkaDoc[]; files: string[] }[] = [];
  const manifestFiles = new Set<string>();
  for (const e of mod.entities.values()) {
    if ((e.kind !== 'resource' && e.kind !== 'data') || !MANIFEST_TYPES.test(e.type) || ctx.dropped.has(e.address)) continue;
    const texts = [e.node.text, ...localsOf(ctx, e).map((l) => l.node.text)];
    const docs: KafkaDoc[] = [];
    const files: string[] = [];
    for (const t of texts) {
      docs.push(
        ...kafkaDocs(
          t,
          `inline in ${relative(dir, resolve(e.file.source.path)) || e.file.source.path}`,
          positionAt(e.file.source, e.node.startIndex).line - 1,
        ),
      );
      for (const f of filesRead(dir, t, e.node.text)) {
        files.push(f);
        const text = readSmall(f);
        if (text !== undefined) docs.push(...kafkaDocs(text, relative(dir, f), 0));
      }
    }
    if (docs.length === 0) continue;
    for (const f of files) manifestFiles.add(f);
    found.push({ e, docs, files });
  }
  for (const { e, docs } of found) {
    const list = docs.map((d) => `${d.what} (${d.where})`);
    ctx.report(
      'TF_MANIFEST_KAFKA',
      'error',
      e.file,
      e.node,
      `${e.address} applies ${list.join(', ')}: Kafka declared in Kubernetes YAML the module applies, which graft does not rewrite; the module would keep running the vendor's Kafka and its clients would stay on it`,
      `remove ${e.address} (and the YAML of the cluster's other resources) from the module and give its clients the customer's bootstrap servers through a variable, then compile again; graft drops Kafka declared as aws_msk_*, confluent_kafka_*, Kafka modules, Helm releases of Kafka charts and kubernetes_manifest objects written in HCL`,
    );
  }
  // files the module reads elsewhere (Helm values, Application sources) that name the applied cluster's Services
  const hosts = new Set(found.flatMap((f) => f.docs.flatMap((d) => d.hosts)));
  if (hosts.size > 0) {
    const suffix = k8sHostSuffix(hosts);
    const seen = new Set<string>();
    for (const e of mod.entities.values()) {
      if (found.some((f) => f.e === e)) continue;
      for (const f of filesRead(dir, e.node.text, e.node.text)) {
        if (manifestFiles.has(f) || seen.has(`${e.address}\0${f}`)) continue;
        seen.add(`${e.address}\0${f}`);
        const text = readSmall(f);
        const run = text === undefined ? undefined : findEndpointRuns(text, hosts, suffix)[0];
        if (!run || text === undefined) continue;
        const readers = readersOf(ctx, e);
        ctx.report(
          'TF_MANIFEST_KAFKA_CLIENT',
          'error',
          e.file,
          e.node,
          `${e.address} reads ${relative(dir, f)}, which names the Kafka the module applies as YAML (line ${positionAt({ path: f, text }, run.start).line}: ${run.text})${readers.length ? `, and passes it to ${readers.join(', ')}` : ''}: graft rewires neither the address nor the client's security settings there`,
          `once the Kafka YAML is removed, set the address in ${relative(dir, f)} from the customer's bootstrap servers (a templatefile() variable) and add the client's security settings in the form its chart reads, then compile again`,
        );
      }
    }
  }
  return found.length > 0;
}

/** Locals an entity's body reads (`local.x`), whose text may carry its YAML. */
function localsOf(ctx: TfContext, e: TfEntity): TfEntity[] {
  const out: TfEntity[] = [];
  for (const m of e.node.text.matchAll(/\blocal\.([A-Za-z_][\w-]*)/g)) {
    const l = ctx.mod.entities.get(`local.${m[1] ?? ''}`);
    if (l && !out.includes(l)) out.push(l);
  }
  return out;
}

/** The entities that read a local (the resources a values local ends in). */
function readersOf(ctx: TfContext, e: TfEntity): string[] {
  if (e.kind !== 'local') return [];
  const re = new RegExp(`\\blocal\\.${e.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`);
  return [...ctx.mod.entities.values()].filter((x) => x !== e && x.kind !== 'local' && re.test(x.node.text)).map((x) => x.address);
}

/**
 * Files of the module a `file()` / `templatefile()` call (or a `kubectl_path_documents` pattern) reads, as absolute
 * paths: `${path.module}` / `${path.root}` / `./` are the module's directory; another interpolation (`${each.value}`)
 * matches any name in its place, so a `fileset()` for_each reads every file of that directory.
 */
function filesRead(dir: string, text: string, forEachText: string): string[] {
  const out = new Set<string>();
  const patterns = [
    ...[...text.matchAll(/\b(?:file|templatefile)\(\s*"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1] ?? ''),
    ...[...text.matchAll(/\bpattern\s*=\s*"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1] ?? ''),
  ];
  const filesetGlob = /\bfileset\(\s*"((?:[^"\\]|\\.)*)"\s*,\s*"([^"]*)"/.exec(forEachText);
  for (const raw of patterns) {
    let p = raw.replace(/\$\{\s*path\.(module|root|cwd)\s*\}/g, '.');
    if (filesetGlob && /\$\{[^}]*each\.(value|key)[^}]*\}/.test(p))
      p = p.replace(/\$\{[^}]*each\.(value|key)[^}]*\}/g, filesetGlob[2] ?? '*');
    p = p.replace(/\$\{[^}]*\}/g, '*');
    for (const f of glob(dir, p)) out.add(f);
  }
  return [...out].sort();
}

/** Files under `dir` matching a relative path whose segments may hold `*`. */
function glob(dir: string, pattern: string): string[] {
  const abs = resolve(dir, pattern);
  if (abs !== dir && !abs.startsWith(dir + sep)) return [];
  if (!abs.includes('*')) return isFile(abs) ? [abs] : [];
  const parts = relative(dir, abs).split(sep);
  let current = [dir];
  for (const [i, part] of parts.entries()) {
    const last = i === parts.length - 1;
    const next: string[] = [];
    for (const d of current) {
      if (!part.includes('*')) {
        const p = join(d, part);
        if (last ? isFile(p) : isDir(p)) next.push(p);
        continue;
      }
      const re = new RegExp(`^${part.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*\*?/g, '.*')}$`);
      let names: string[] = [];
      try {
        names = readdirSync(d).sort();
      } catch {
        names = [];
      }
      for (const n of names) if (re.test(n) && (last ? isFile(join(d, n)) : isDir(join(d, n)))) next.push(join(d, n));
    }
    current = next;
  }
  return current;
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function readSmall(f: string): string | undefined {
  if (!existsSync(f) || statSync(f).size > 4 * 1024 * 1024) return undefined;
  try {
    return readFileSync(f, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * The Kafka documents in YAML text (a file, or a heredoc / literal inside HCL), read line by line: a document's
 * top-level `apiVersion`, `kind`, `metadata.name` and labels, and an Argo CD Application's `chart`. Template
 * directives (`${...}`, `%{...}`) do not stop it; `lineBase` is added to each line number.
 */
function kafkaDocs(text: string, where: string, lineBase: number): KafkaDoc[] {
  const out: KafkaDoc[] = [];
  const lines = text.split(/\r?\n/);
  let doc: { start: number; api?: string; kind?: string; name?: string; cluster?: string; chart?: string; replicas?: number } = {
    start: 0,
  };
  const flush = (): void => {
    const group = doc.api?.split('/')[0] ?? '';
    const known = KAFKA_KINDS[group];
    const line = lineBase + doc.start + 1;
    if (known && doc.kind && known.kinds.test(doc.kind)) {
      const cluster = doc.kind === 'Kafka' || doc.kind === 'Redpanda' ? doc.name : doc.cluster;
      const hosts =
        group === 'kafka.strimzi.io' && cluster
          ? [`${cluster}-kafka-bootstrap`, `${cluster}-kafka-brokers`]
          : cluster && (doc.kind === 'Kafka' || doc.kind === 'Redpanda')
            ? [cluster, `${cluster}-bootstrap`]
            : [];
      out.push({ what: `${known.product} ${doc.kind} "${doc.name ?? '?'}"`, where: `${where}:${line}`, hosts });
    } else if (doc.kind === 'Application' && doc.chart && KAFKA_CHART.test(doc.chart))
      out.push({
        what: `the Argo CD Application "${doc.name ?? '?'}" installing chart ${doc.chart}`,
        where: `${where}:${line}`,
        hosts: [],
      });
    doc = { start: 0 };
  };
  let base = -1;
  let section = '';
  for (const [i, raw] of lines.entries()) {
    const line = raw.replace(/\s+#.*$/, '');
    if (/^\s*---\s*$/.test(line)) {
      flush();
      base = -1;
      section = '';
      doc.start = i + 1;
      continue;
    }
    const m = /^(\s*)(?:- )?([A-Za-z][\w.-]*):\s*(.*)$/.exec(line);
    if (!m) continue;
    const indent = m[1]?.length ?? 0;
    const key = m[2] ?? '';
    const v = (m[3] ?? '').trim().replace(/^["']|["']$/g, '');
    if (base < 0 && (key === 'apiVersion' || key === 'kind')) {
      base = indent;
      doc.start = i;
    }
    if (indent === base) section = key;
    if (key === 'apiVersion' && indent === base && doc.api === undefined) doc.api = v;
    else if (key === 'kind' && indent === base && doc.kind === undefined) doc.kind = v;
    else if (key === 'name' && section === 'metadata' && indent > base && doc.name === undefined) doc.name = v;
    else if (key === 'chart' && v && doc.chart === undefined) doc.chart = v;
    const label = /^\s+strimzi\.io\/cluster:\s*["']?([\w.-]+)/.exec(line);
    if (label) doc.cluster = label[1];
  }
  flush();
  return out;
}
