import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createWriteStream, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../run.js';
import { parseAllDocuments, type Tags } from 'yaml';
import { generateCerts } from '../../testbed/kafka/certs.js';
import { freePorts } from '../../testbed/kafka/ports.js';

/** The two binaries setup.sh builds. */
export interface KubeBinaries {
  apiserver: string;
  etcd: string;
}

/** One HTTP answer of the API server; `body` is the parsed JSON (a `Status` for errors). */
export interface KubeResponse {
  status: number;
  body: unknown;
  /** The API server's `Warning` headers (RFC 7234 `299 - "text"`), as their text. */
  warnings: string[];
}

/** One object of a manifest as the API server answered a server-side dry-run of its creation. */
export interface DryRunResult {
  /** Counts documents from 0 across all inputs, in order, empty documents included. */
  doc: number;
  apiVersion: string;
  kind: string;
  name: string;
  namespace: string | undefined;
  /** `created` when the server accepted it, `skipped` when its kind is listed in `skipKinds`, else the server's message. */
  outcome: 'created' | 'skipped' | { status: number; message: string };
  /** Warnings the API server answered with (deprecated API versions, env vars hiding earlier ones, ...). */
  warnings: string[];
}

/** A running etcd + kube-apiserver on 127.0.0.1. */
export interface KubeApiserver {
  url: string;
  /** What a pod's service-account mount would hold for this server: the bearer token and the CA (PEM) of its certificate. */
  credentials: { token: string; caPem: string };
  request(method: string, path: string, body?: string, contentType?: string): Promise<KubeResponse>;
  /** Creates a namespace for real (a no-op when it exists). */
  ensureNamespace(name: string): Promise<void>;
  /** Creates every CustomResourceDefinition of the YAML text for real and waits until each is Established and served. */
  installCrds(yamlText: string): Promise<string[]>;
  /** Server-side dry-runs (`?dryRun=All&fieldValidation=Strict`) the creation of every object of the YAML texts. */
  dryRun(texts: string[], options?: { skipKinds?: string[] }): Promise<DryRunResult[]>;
  stop(): Promise<void>;
}

const here = dirname(fileURLToPath(import.meta.url));
const setupScript = join(here, 'setup.sh');

let binaries: Promise<KubeBinaries> | undefined;

/** Runs setup.sh (at most once per process; a no-op once built) and resolves to the binaries' paths. */
export function ensureKubeApiserver(): Promise<KubeBinaries> {
  binaries ??= run('bash', [setupScript]).then(({ code, stdout, stderr }) => {
    const [apiserver, etcd] = stdout.trim().split('\n').slice(-2);
    if (code === 0 && apiserver && etcd) return { apiserver, etcd };
    throw new Error(`kube-apiserver: setup.sh failed (exit ${String(code)}):\n${stderr.split('\n').slice(-40).join('\n')}`);
  });
  return binaries;
}

// YAML as Kubernetes reads it (go-yaml v2, YAML 1.1), only to find each document's kind, name and namespace: the
// body sent is the document's own text, decoded by the API server itself.
const yamlOptions = {
  version: '1.1' as const,
  merge: true,
  customTags: (tags: Tags): Tags => tags.filter((tag) => typeof tag === 'string' || tag.tag !== 'tag:yaml.org,2002:timestamp'),
};

function isRecord(value: unknown): value is { [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** The `message` of a Kubernetes `Status` answer, else the body as text. */
function statusMessage(res: KubeResponse): string {
  return isRecord(res.body) && typeof res.body['message'] === 'string' ? res.body['message'] : JSON.stringify(res.body);
}

interface ManifestDoc {
  doc: number;
  text: string;
  object: { [key: string]: unknown };
  /** The body's media type: a document's own YAML, or an item of a `List` as JSON. */
  contentType: 'application/yaml' | 'application/json';
}

function splitManifests(texts: string[]): ManifestDoc[] {
  const out: ManifestDoc[] = [];
  let doc = 0;
  for (const text of texts) {
    for (const d of parseAllDocuments(text, yamlOptions)) {
      const index = doc++;
      if (d.errors.length > 0) throw new Error(`document ${index}: ${d.errors[0]?.message ?? 'YAML error'}`);
      const object: unknown = d.toJS();
      if (object === null || object === undefined || !d.contents?.range) continue; // an empty document, as kubectl skips it
      if (!isRecord(object)) throw new Error(`document ${index} is not a mapping`);
      // a List is no resource: kubectl sends each of its items
      if (object['kind'] === 'List' && Array.isArray(object['items'])) {
        for (const item of object['items'] as unknown[]) {
          if (!isRecord(item)) throw new Error(`document ${index}: an item of the List is not a mapping`);
          out.push({ doc: index, text: JSON.stringify(item), object: item, contentType: 'application/json' });
        }
        continue;
      }
      out.push({ doc: index, text: text.slice(d.contents.range[0], d.contents.range[2]), object, contentType: 'application/yaml' });
    }
  }
  return out;
}

interface ResourceInfo {
  plural: string;
  namespaced: boolean;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-30).join('\n');
  } catch {
    return '';
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Starts etcd and kube-apiserver on 127.0.0.1 (free ports, a throwaway CA, serving certificate, service-account key and
 * bearer token, everything under a temporary directory removed by stop()) and resolves once `/readyz` answers 200.
 */
export async function startKubeApiserver(): Promise<KubeApiserver> {
  const bin = await ensureKubeApiserver();
  const dir = await mkdtemp(join(tmpdir(), 'graft-kube-apiserver-'));
  const children: ChildProcess[] = [];
  const stop = async (): Promise<void> => {
    process.off('exit', killAll);
    for (const child of children.reverse()) await stopChild(child);
    await rm(dir, { recursive: true, force: true });
  };
  const killAll = (): void => {
    for (const child of children) child.kill('SIGKILL');
  };
  process.on('exit', killAll);
  try {
    const certs = await generateCerts(join(dir, 'pki'));
    const ca = await readFile(certs.caPem, 'utf8');
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const saKey = join(dir, 'pki', 'service-account.key');
    await writeFile(saKey, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    const token = randomBytes(24).toString('hex');
    const tokens = join(dir, 'tokens.csv');
    await writeFile(tokens, `${token},graft-test,graft-test,"system:masters"\n`, { mode: 0o600 });
    const [etcdClient, etcdPeer, securePort] = await freePorts(3);
    const etcdUrl = `http://127.0.0.1:${String(etcdClient)}`;

    const launch = (name: string, cmd: string, args: string[]): ChildProcess => {
      const log = join(dir, `${name}.log`);
      const out = createWriteStream(log);
      const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout?.pipe(out);
      child.stderr?.pipe(out);
      children.push(child);
      return child;
    };
    const etcd = launch('etcd', bin.etcd, [
      '--name=graft-test',
      `--data-dir=${join(dir, 'etcd')}`,
      `--listen-client-urls=${etcdUrl}`,
      `--advertise-client-urls=${etcdUrl}`,
      `--listen-peer-urls=http://127.0.0.1:${String(etcdPeer)}`,
      `--initial-advertise-peer-urls=http://127.0.0.1:${String(etcdPeer)}`,
      `--initial-cluster=graft-test=http://127.0.0.1:${String(etcdPeer)}`,
      '--unsafe-no-fsync',
      '--log-level=warn',
    ]);
    const apiserver = launch('kube-apiserver', bin.apiserver, [
      `--etcd-servers=${etcdUrl}`,
      '--bind-address=127.0.0.1',
      '--advertise-address=127.0.0.1',
      `--secure-port=${String(securePort)}`,
      `--tls-cert-file=${join(dir, 'pki', 'broker.pem')}`,
      `--tls-private-key-file=${join(dir, 'pki', 'broker.key')}`,
      `--cert-dir=${join(dir, 'pki')}`,
      `--token-auth-file=${tokens}`,
      // the test token is in system:masters, which RBAC always allows; a pod's ServiceAccount token gets what its Roles grant
      '--authorization-mode=RBAC',
      `--service-account-key-file=${saKey}`,
      `--service-account-signing-key-file=${saKey}`,
      '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
      '--service-cluster-ip-range=10.0.0.0/24',
      '--endpoint-reconciler-type=none',
      '--enable-priority-and-fairness=false',
      '--v=0',
    ]);
    const url = `https://127.0.0.1:${String(securePort)}`;

    const request = (method: string, path: string, body?: string, contentType = 'application/json'): Promise<KubeResponse> =>
      new Promise((resolve, reject) => {
        const req = httpsRequest(
          `${url}${path}`,
          {
            method,
            ca,
            headers: {
              authorization: `Bearer ${token}`,
              accept: 'application/json',
              ...(body === undefined ? {} : { 'content-type': contentType }),
            },
          },
          (res) => {
            let text = '';
            res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
            res.on('end', () => {
              let parsed: unknown = text;
              try {
                parsed = JSON.parse(text);
              } catch {
                // not JSON (e.g. /readyz answers text)
              }
              // one header may carry several comma-separated `299 - "text"` values
              const warnings = (res.headersDistinct['warning'] ?? []).flatMap((h: string) =>
                [...h.matchAll(/299 - "((?:[^"\\]|\\.)*)"/g)].map((w) => (w[1] ?? '').replace(/\\(.)/g, '$1')),
              );
              resolve({ status: res.statusCode ?? 0, body: parsed, warnings });
            });
          },
        );
        req.on('error', reject);
        req.setTimeout(60_000, () => req.destroy(new Error(`${method} ${path}: no answer in 60 s`)));
        req.end(body);
      });

    const deadline = Date.now() + 120_000;
    for (;;) {
      for (const [name, child] of [
        ['etcd', etcd],
        ['kube-apiserver', apiserver],
      ] as const)
        if (child.exitCode !== null || child.signalCode !== null)
          throw new Error(`${name} exited (${String(child.exitCode ?? child.signalCode)}):\n${tail(join(dir, `${name}.log`))}`);
      const ready = await request('GET', '/readyz').catch(() => undefined);
      if (ready?.status === 200) break;
      if (Date.now() > deadline)
        throw new Error(`kube-apiserver not ready in 120 s:\n${tail(join(dir, 'kube-apiserver.log'))}\n${tail(join(dir, 'etcd.log'))}`);
      await sleep(250);
    }

    const discovery = new Map<string, Map<string, ResourceInfo>>();
    const resourcesOf = async (apiVersion: string, refresh = false): Promise<Map<string, ResourceInfo>> => {
      const cached = discovery.get(apiVersion);
      if (cached && !refresh) return cached;
      const res = await request('GET', apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`);
      const kinds = new Map<string, ResourceInfo>();
      const list = isRecord(res.body) && Array.isArray(res.body['resources']) ? res.body['resources'] : [];
      for (const r of list)
        if (isRecord(r) && !str(r['name']).includes('/'))
          kinds.set(str(r['kind']), { plural: str(r['name']), namespaced: r['namespaced'] === true });
      if (res.status === 200) discovery.set(apiVersion, kinds);
      return kinds;
    };

    const ensureNamespace = async (name: string): Promise<void> => {
      const res = await request('POST', '/api/v1/namespaces', JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }));
      if (res.status !== 201 && res.status !== 409) throw new Error(`creating namespace ${name}: ${statusMessage(res)}`);
      if (res.status !== 201) return;
      // the ServiceAccount a cluster's controller manager (not run here) creates in every new namespace: a bare Pod
      // there is admitted only with it
      const sa = await request('POST', `/api/v1/namespaces/${name}/serviceaccounts`, JSON.stringify({ metadata: { name: 'default' } }));
      if (sa.status !== 201 && sa.status !== 409) throw new Error(`creating ServiceAccount ${name}/default: ${statusMessage(sa)}`);
    };

    const installCrds = async (yamlText: string): Promise<string[]> => {
      const names: string[] = [];
      for (const m of splitManifests([yamlText])) {
        if (m.object['kind'] !== 'CustomResourceDefinition') continue;
        const name = str(isRecord(m.object['metadata']) ? m.object['metadata']['name'] : undefined);
        const res = await request('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', m.text, m.contentType);
        if (res.status !== 201 && res.status !== 409) throw new Error(`installing CRD ${name}: ${statusMessage(res)}`);
        names.push(name);
      }
      for (const name of names) {
        const until = Date.now() + 60_000;
        for (;;) {
          const res = await request('GET', `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${name}`);
          const status = isRecord(res.body) && isRecord(res.body['status']) ? res.body['status'] : {};
          const conditions = Array.isArray(status['conditions']) ? status['conditions'] : [];
          const established = conditions.some((c) => isRecord(c) && c['type'] === 'Established' && c['status'] === 'True');
          const spec = isRecord(res.body) && isRecord(res.body['spec']) ? res.body['spec'] : {};
          const group = str(spec['group']);
          const kind = isRecord(spec['names']) ? str(spec['names']['kind']) : '';
          const versions = (Array.isArray(spec['versions']) ? spec['versions'] : [])
            .filter((v) => isRecord(v) && v['served'] === true)
            .map((v) => `${group}/${str((v as { [key: string]: unknown })['name'])}`);
          let served = established;
          for (const apiVersion of versions) served &&= (await resourcesOf(apiVersion, true)).has(kind);
          if (served) break;
          if (Date.now() > until) throw new Error(`CRD ${name} not established and served in 60 s`);
          await sleep(200);
        }
      }
      return names;
    };

    const dryRun = async (texts: string[], options: { skipKinds?: string[] } = {}): Promise<DryRunResult[]> => {
      const results: DryRunResult[] = [];
      for (const m of splitManifests(texts)) {
        const apiVersion = str(m.object['apiVersion']);
        const kind = str(m.object['kind']);
        const metadata = isRecord(m.object['metadata']) ? m.object['metadata'] : {};
        const name = str(metadata['name']) || str(metadata['generateName']);
        const base = { doc: m.doc, apiVersion, kind, name, namespace: undefined as string | undefined, warnings: [] as string[] };
        const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
        if ((options.skipKinds ?? []).some((s) => s === kind || s === `${apiVersion}/${kind}` || s === `${group ?? ''}/*`)) {
          results.push({ ...base, outcome: 'skipped' });
          continue;
        }
        const info = (await resourcesOf(apiVersion)).get(kind);
        if (!info) {
          results.push({ ...base, outcome: { status: 404, message: `the server does not serve ${apiVersion} ${kind}` } });
          continue;
        }
        const prefix = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
        let path = `${prefix}/${info.plural}`;
        if (info.namespaced) {
          const namespace = str(metadata['namespace']) || 'default';
          await ensureNamespace(namespace);
          base.namespace = namespace;
          path = `${prefix}/namespaces/${namespace}/${info.plural}`;
        }
        const res = await request('POST', `${path}?dryRun=All&fieldValidation=Strict`, m.text, m.contentType);
        results.push({
          ...base,
          warnings: res.warnings,
          outcome: res.status === 201 || res.status === 200 ? 'created' : { status: res.status, message: statusMessage(res) },
        });
      }
      return results;
    };

    return { url, credentials: { token, caPem: ca }, request, ensureNamespace, installCrds, dryRun, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
