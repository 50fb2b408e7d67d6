import { spawnSync } from 'node:child_process';
import { accessSync, constants, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';

/** The helm binary graft renders charts with: `GRAFT_HELM`, else `helm` on PATH. */
export function helmBinary(): string | undefined {
  const candidates = process.env['GRAFT_HELM']
    ? [process.env['GRAFT_HELM']]
    : (process.env['PATH'] ?? '')
        .split(delimiter)
        .filter(Boolean)
        .map((d) => join(d, 'helm'));
  for (const c of candidates) {
    try {
      accessSync(c, constants.X_OK);
      // helm runs with the chart's copy as its working directory: a relative GRAFT_HELM is the caller's
      return resolve(c);
    } catch {
      // not there, or not executable
    }
  }
  return undefined;
}

/** What `helm template` gave: the rendered manifests, or helm's error. */
export type Rendered = { ok: true; text: string } | { ok: false; error: string };

/** The release graft renders a chart as: named after the chart (see `releaseName`), in the namespace `default`. */
export interface Release {
  name: string;
  namespace: string;
}

/** The longest release name helm accepts. */
export const RELEASE_NAME_MAX = 53;

/**
 * The release name graft renders a chart as, derived from the chart's name: helm wants a lowercase DNS-1123 label of
 * at most 53 characters, so `Palisade-services` renders as `palisade-services`, `my_chart.v2` as `my-chart-v2`. Upper
 * case is lowered, every character that is not a lowercase letter, digit or `-` becomes `-` (runs of them one `-`),
 * and the name starts and ends with a letter or digit; a name with none of those renders as `release`.
 */
export function releaseName(chartName: string): string {
  const name = chartName
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+/, '')
    .slice(0, RELEASE_NAME_MAX)
    .replace(/-+$/, '');
  return name || 'release';
}

/**
 * Renders a chart with `helm template`. `overrides` replaces files of the chart (paths relative to its root) in a
 * private copy, so the chart as graft would write it renders before anything is written; `valuesFiles` are passed
 * with `-f` after the chart's own values, as a user's `helm install -f` does; `removed` (paths relative to the root) are
 * left out of the copy. Helm's configuration, cache and data
 * live in a throwaway folder: rendering a local chart reads no repository and writes nothing of the user's.
 */
export function helmTemplate(
  helm: string,
  chartRoot: string,
  release: Release,
  overrides: ReadonlyMap<string, string> = new Map(),
  valuesFiles: readonly string[] = [],
  removed: readonly string[] = [],
): Rendered {
  const home = mkdtempSync(join(tmpdir(), 'graft-helm-'));
  try {
    let chart = resolve(chartRoot);
    if (overrides.size > 0 || removed.length > 0) {
      chart = join(home, 'chart');
      cpSync(chartRoot, chart, { recursive: true, filter: (src) => !/(^|[/\\])\.git$/.test(src) });
      for (const [rel, text] of overrides) {
        mkdirSync(dirname(join(chart, rel)), { recursive: true });
        writeFileSync(join(chart, rel), text);
      }
      for (const rel of removed) rmSync(join(chart, rel), { recursive: true, force: true });
    }
    const env = {
      ...process.env,
      HELM_CONFIG_HOME: join(home, 'config'),
      HELM_CACHE_HOME: join(home, 'cache'),
      HELM_DATA_HOME: join(home, 'data'),
    };
    const args = ['template', release.name, chart, '--namespace', release.namespace, ...valuesFiles.flatMap((f) => ['-f', f])];
    const run = spawnSync(helm, args, { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 120_000, cwd: dirname(chartRoot) });
    if (run.error) return { ok: false, error: run.error.message };
    if (run.status !== 0) return { ok: false, error: (run.stderr || run.stdout).trim().split(home).join('<chart>') };
    return { ok: true, text: run.stdout };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/** One template's rendered documents: its path in the chart (`templates/x.yaml`, `charts/kafka/templates/y.yaml`). */
export interface RenderedTemplate {
  template: string;
  text: string;
  /** How many non-empty documents it rendered. */
  documents: number;
  /** How many of them are `helm test` hooks, which run only on `helm test`, never on install (left out of `text`). */
  tests: number;
}

const TEST_HOOK = /^\s+["']?helm\.sh\/hook["']?:\s*["']?test(-success)?["']?\s*$/m;

/** Splits `helm template` output by each document's `# Source: <chart>/<path>` line, in output order. */
export function splitRendered(text: string): RenderedTemplate[] {
  const byTemplate = new Map<string, string[]>();
  for (const chunk of text.split(/^---[ \t]*$/m)) {
    const m = /^# Source: [^/\n]+\/(.+?)[ \t]*$/m.exec(chunk);
    if (!m?.[1]) continue;
    const body = chunk.replace(/^\n+/, '');
    if (!/^[A-Za-z]/m.test(body)) continue; // only comments: a template that rendered nothing
    const list = byTemplate.get(m[1]) ?? [];
    list.push(body);
    byTemplate.set(m[1], list);
  }
  // `helm test` pods run only on `helm test`, never on install: they are counted, not compiled
  return [...byTemplate].map(([template, docs]) => ({
    template,
    text: docs.filter((d) => !TEST_HOOK.test(d)).join('---\n'),
    documents: docs.length,
    tests: docs.filter((d) => TEST_HOOK.test(d)).length,
  }));
}

/** The top-level subchart a rendered template belongs to (`charts/kafka/templates/x.yaml` → `kafka`), if any. */
export function subchartOf(template: string): string | undefined {
  return /^charts\/([^/]+)\//.exec(template)?.[1];
}
