import { parseAllDocuments, type Document } from 'yaml';
import { PREFLIGHT_DIR, PREFLIGHT_NAME } from '../../preflight/index.js';
import { renderBlock, type PlainYaml } from '../yaml/text.js';

/** The chart's template graft adds: the preflight Job as a Helm hook, with the spec it checks. */
export const PREFLIGHT_TEMPLATE = 'templates/graft-preflight.yaml';
/** The file beside the templates that holds graft's bundle, left out of the chart by `.helmignore`. */
export const PREFLIGHT_BUNDLE_FILE = 'graft-preflight/bundle.yaml';
/** The `.helmignore` entry that keeps the bundle's folder out of the chart (and so out of the release). */
export const PREFLIGHT_IGNORE = 'graft-preflight/';
/** The ConfigMap holding graft's bundle, applied by the customer before `helm install` / `helm upgrade`. */
export const PREFLIGHT_BUNDLE_NAME = `${PREFLIGHT_NAME}-bundle`;

/** The hook objects' name: per release, within the 63 characters a Job's name may have. */
const RELEASE_NAME = `{{ printf "%s-${PREFLIGHT_NAME}" .Release.Name | trunc 63 | trimSuffix "-" }}`;
const PLACEHOLDER = 'graft-preflight-release-name';

/** What the Helm format adds for `--with-preflight`. */
export interface HelmPreflight {
  /** New files by path relative to the chart's root: the hook template and the bundle's ConfigMap. */
  files: Map<string, string>;
  /** The plan's note on applying the bundle first. */
  note: string;
}

/**
 * Turns the Kubernetes format's preflight (a ConfigMap with graft's bundle and the spec, and a Job running
 * `graft check` with the workloads' own Secrets) into a chart's pre-install / pre-upgrade hook. The bundle (about
 * 0.85 MB compressed) cannot live in the chart: a Helm release stores the chart's files and the rendered manifest in a
 * Secret of at most 1 MiB, base64 twice over. It goes into a ConfigMap of its own beside the templates, left out of the
 * chart by `.helmignore`, which the customer applies once with `kubectl apply --server-side`; the hook's Job mounts it
 * and stops with a message naming that command when it is missing.
 */
export function helmPreflight(k8sPreflight: string): HelmPreflight | undefined {
  const docs = parseAllDocuments(k8sPreflight) as Document.Parsed[];
  const configMap = docs.find((d) => d.get('kind') === 'ConfigMap')?.toJS() as Record<string, PlainYaml> | undefined;
  const job = docs.find((d) => d.get('kind') === 'Job');
  if (!configMap || !job) return undefined;
  const data = configMap['data'] as Record<string, string> | undefined;
  const binary = configMap['binaryData'] as Record<string, string> | undefined;
  const spec = data?.['kafka.yaml'];
  const bundle = binary?.['graft.js.gz'];
  if (spec === undefined || bundle === undefined) return undefined;
  const hook = (weight: string): Record<string, PlainYaml> => ({
    'helm.sh/hook': 'pre-install,pre-upgrade',
    'helm.sh/hook-weight': weight,
    'helm.sh/hook-delete-policy': 'before-hook-creation,hook-succeeded',
  });
  const labels = { 'app.kubernetes.io/managed-by': 'graft' };
  const specMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: PLACEHOLDER, labels, annotations: hook('-10') },
    data: { 'kafka.yaml': spec },
  };
  // the Job as the Kubernetes format wrote it, in the release's namespace, reading the spec and the bundle
  const j = job.toJS() as { metadata: Record<string, PlainYaml>; spec: { template: { spec: Record<string, unknown> } } };
  const pod = j.spec.template.spec as {
    containers: { command: string[] }[];
    volumes: { name: string; configMap?: unknown; projected?: unknown }[];
  };
  const container = pod.containers[0];
  const graftVolume = pod.volumes.find((v) => v.name === 'graft');
  if (!container || !graftVolume) return undefined;
  delete graftVolume.configMap;
  graftVolume.projected = {
    sources: [
      { configMap: { name: PLACEHOLDER, items: [{ key: 'kafka.yaml', path: 'kafka.yaml' }] } },
      { configMap: { name: PREFLIGHT_BUNDLE_NAME, optional: true } },
    ],
  };
  const apply = `kubectl apply --server-side -n {{ .Release.Namespace }} -f ${PREFLIGHT_BUNDLE_FILE}`;
  container.command = container.command.map((c, i) =>
    i === container.command.length - 1
      ? `if [ ! -f ${PREFLIGHT_DIR}/graft.js.gz ]; then echo "ConfigMap ${PREFLIGHT_BUNDLE_NAME} (graft's bundle) is missing: ${apply}" >&2; exit 1; fi; ${c}`
      : c,
  );
  const jobDoc = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: PLACEHOLDER, labels, annotations: hook('-5') },
    spec: j.spec as unknown as PlainYaml,
  };
  // `{{` in the spec is text, not a template action
  const literal = (text: string): string => text.replace(/\{\{/g, '{{ "{{" }}');
  const template = [
    "# Written by graft: checks the customer's Kafka with the workloads' own settings before helm installs or upgrades them.",
    literal(renderBlock(specMap)),
    '---',
    renderBlock(jobDoc),
    '',
  ]
    .join('\n')
    .split(PLACEHOLDER)
    // single-quoted, so the template is YAML before helm renders it too
    .join(`'${RELEASE_NAME}'`);
  const bundleFile = [
    `# Written by graft: graft's bundle for the chart's preflight hook (${PREFLIGHT_TEMPLATE}), too large for a Helm release.`,
    `# Apply it in the release's namespace before helm install / helm upgrade: kubectl apply --server-side -n <namespace> -f ${PREFLIGHT_BUNDLE_FILE}`,
    renderBlock({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: PREFLIGHT_BUNDLE_NAME, labels } }),
    `binaryData:\n  graft.js.gz: ${bundle}`,
    '',
  ].join('\n');
  return {
    files: new Map([
      [PREFLIGHT_TEMPLATE, template],
      [PREFLIGHT_BUNDLE_FILE, bundleFile],
    ]),
    note: `${PREFLIGHT_TEMPLATE}: a pre-install/pre-upgrade hook Job runs graft check with the workloads' own Secrets before helm installs or upgrades them; graft's bundle is too large for a Helm release, so apply it first in the release's namespace: kubectl apply --server-side -n <namespace> -f ${PREFLIGHT_BUNDLE_FILE} (${PREFLIGHT_IGNORE} is in .helmignore, so the chart and its release leave it out)`,
  };
}

/** The first line of every file graft writes for the preflight hook. */
const WRITTEN_BY_GRAFT = /^\uFEFF?# Written by graft: /;

/** Whether a file of the chart at one of the hook's paths is graft's own, from an earlier `--with-preflight` compile. */
export function isGraftPreflightFile(text: string): boolean {
  return WRITTEN_BY_GRAFT.test(text);
}

/** `.helmignore` with the bundle's folder left out of the chart (unchanged when it already is). */
export function helmignoreWith(text: string | undefined): string {
  if (text === undefined)
    return `# Written by graft: graft's preflight bundle is applied with kubectl, not installed with the chart\n${PREFLIGHT_IGNORE}\n`;
  if (text.split(/\r?\n/).some((l) => l.trim() === PREFLIGHT_IGNORE)) return text;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return `${text}${text === '' || text.endsWith('\n') ? '' : eol}${PREFLIGHT_IGNORE}${eol}`;
}
