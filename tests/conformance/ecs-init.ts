import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, posix } from 'node:path';
import type { ContainerMount, ContainerView } from './compose-service.js';
import { execInNamespace } from './container.js';

// How the ECS agent starts a task's containers in order, for the ECS harnesses (CloudFormation and Terraform): a
// container with `dependsOn` starts only after each container it names reached its condition. `SUCCESS` (the one graft
// writes) means the named container ran to completion with exit code 0, and ECS accepts it only on a non-essential
// container of the same task. Containers without such an order start at once: the harness then starts the app first,
// as the worst case of that race (it does not wait for a container it does not depend on).
//
// A container's files are its image's, modeled for the example's images by `IMAGE_FILES` (the vendor's properties file,
// the same text as in examples/conformance/config), under the task volumes it mounts (`mountPoints`): a volume without
// a host path or other configuration is task-scoped scratch storage (on Fargate an empty directory owned by root), one
// directory for the whole task, so what one container writes there the next one sees. Other volume kinds are not
// modeled (the harness throws). The commands of a dependency run with this machine's POSIX `sh`, `cp`, `sed` (what the
// image must have), in a private mount namespace holding its image files and volumes, with its own environment only.

/** The files inside the example's images, by image: path → text. */
export const IMAGE_FILES: Record<string, Record<string, string>> = {
  'registry.example.com/acme/ledger:5.1.0': {
    '/etc/app/client.properties': exampleConfig('client.properties'),
  },
  'registry.example.com/acme/audit:1.2.0': {
    '/etc/audit/librdkafka.properties': exampleConfig('librdkafka.properties'),
  },
};

function exampleConfig(name: string): string {
  return readFileSync(join(import.meta.dirname, '..', '..', 'examples', 'conformance', 'config', name), 'utf8');
}

/** One container of an ECS task definition, its values evaluated. */
export interface EcsContainerSpec {
  name: string;
  image: string;
  essential: boolean;
  user?: string;
  /** `environment` and `secrets`, resolved as the agent resolves them (only this container's). */
  env: Record<string, string>;
  /** `entryPoint` followed by `command`, undefined when it has neither. */
  argv?: string[];
  dependsOn: { container: string; condition: string }[];
  mountPoints: { volume: string; path: string; readOnly: boolean }[];
}

/** A container of a task with what the agent needs to start it in order: the task's containers and volumes. */
export interface EcsTask {
  containers: Map<string, EcsContainerSpec>;
  /** Volumes by name, with their configuration keys besides the name. */
  volumes: Map<string, string[]>;
  view: ContainerView;
}

/** What started a task's container needs: the view the runner plays, or the cell of a dependency that failed. */
export interface EcsStart {
  view: ContainerView;
  failed?: { cell: string; details: string };
}

/** The image files a container sees at `dir`, copied under `scratch` (one directory per top-level image directory). */
function imageMounts(image: string, scratch: string, hidden: readonly string[]): ContainerMount[] {
  const files = IMAGE_FILES[image] ?? {};
  const mounts: ContainerMount[] = [];
  for (const [path, text] of Object.entries(files)) {
    if (hidden.some((h) => path === h || path.startsWith(`${h}/`))) continue;
    const source = join(scratch, 'image-files', path);
    mkdirSync(posix.dirname(source), { recursive: true });
    writeFileSync(source, text);
    mounts.push({ source, target: path, readOnly: true });
  }
  return mounts;
}

/**
 * Starts `service` of a task as the agent would: its dependencies first (each run to its condition), then the
 * container's view with its image files and volumes. `volumes`: the task's volumes by name (the value is its
 * configuration keys besides the name, which must be none).
 */
export async function startEcsContainer(
  containers: ReadonlyMap<string, EcsContainerSpec>,
  volumes: ReadonlyMap<string, string[]>,
  service: string,
  view: ContainerView,
  scratch: string,
): Promise<EcsStart> {
  const app = containers.get(service);
  if (!app) throw new Error(`task has no container ${service}`);
  const volumeDir = (name: string): string => {
    const config = volumes.get(name);
    if (config === undefined) throw new Error(`container mounts volume ${name}, which the task does not declare`);
    if (config.length > 0) throw new Error(`volume ${name}: ${config.join(', ')} not modeled (only task-scoped scratch volumes)`);
    const dir = join(scratch, 'volumes', name);
    mkdirSync(dir, { recursive: true });
    return dir;
  };
  const mountsOf = (c: EcsContainerSpec): ContainerMount[] => [
    ...c.mountPoints.map((m) => ({ source: volumeDir(m.volume), target: m.path, readOnly: m.readOnly })),
    ...imageMounts(
      c.image,
      join(scratch, c.name),
      c.mountPoints.map((m) => m.path),
    ),
  ];
  for (const dep of app.dependsOn) {
    const d = containers.get(dep.container);
    if (!d) throw new Error(`container ${service} depends on ${dep.container}, which the task does not define`);
    if (dep.condition !== 'SUCCESS') throw new Error(`dependsOn condition ${dep.condition} is not modeled`);
    // ECS refuses the task definition: COMPLETE and SUCCESS cannot be set on an essential container
    if (d.essential) throw new Error(`RegisterTaskDefinition: dependency condition SUCCESS set on essential container ${d.name}`);
    if (!d.argv || d.argv.length === 0) throw new Error(`container ${d.name}: no entryPoint or command (the image's own is not modeled)`);
    const work = join(scratch, `run-${d.name}`);
    await mkdir(work, { recursive: true });
    const r = await execInNamespace(mountsOf(d), work, d.argv, 30_000, {
      env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', ...d.env },
      cwd: '/',
    });
    if (r.code !== 0)
      return { view, failed: { cell: `fail (dependency ${d.name}: exit ${r.code})`, details: `${r.log}\n--- script ---\n${r.script}` } };
  }
  return { view: { ...view, mounts: [...view.mounts, ...mountsOf(app)] } };
}
