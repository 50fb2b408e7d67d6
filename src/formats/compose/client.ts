import type { Node } from 'yaml';
import type { RewiredItem } from '../../plan/types.js';
import { configureClient as configure, type ClientSink, type DroppedDependency } from '../../configure/stage.js';
import type { ServiceInfo } from './analyze.js';
import type { EnvState } from './env-state.js';
import { spanOfEntry, spanOfNode } from './parse.js';
import { servicePlanId, type RewriteContext } from './context.js';
import { checkServiceEnvFiles } from './env-files.js';
import { mountedKafkaAddress } from './depends-only.js';
import { editBoundProperties } from './properties.js';
import { keepRender, renderedBefore, renderInput, requestRender } from './render-config.js';
import { composeLiteral } from './secrets.js';
import type { Span } from '../../core/span.js';
import { nameProperties, propertiesNames } from '../properties/naming.js';
import { handoffName } from '../../plan/types.js';
import type { PropertyEntry } from '../properties/parse.js';

/** A Compose service's settings as the configure stage reads and writes them. */
function composeSink(ctx: RewriteContext, info: ServiceInfo, env: EnvState): ClientSink {
  const def = info.defs[0];
  return {
    platform: 'Compose',
    can: { secretFiles: true, secretEnv: true, composites: true, files: true, properties: true, assembleAtStart: true },
    settings: () => [...new Set([...info.env.map((e) => e.key), ...env.keys()])],
    literal: (name) => env.get(name),
    secretFile: (secret) => ctx.secrets.mount(servicePlanId(info.name, def?.file.source.path ?? ''), secret),
    set: (name, value) => env.set(name, ctx.secrets.render(info.name, name, value)),
    remove: (name) => {
      env.remove(name);
      const entry = info.env.find((e) => e.key === name);
      return entry ? spanOfEntry(entry) : undefined;
    },
    properties: (props) => {
      // compiled once already: the render service bind-mounts the stack's file and the service reads its volume
      const before = def && props.secrets ? renderedBefore(ctx, def, props.file) : undefined;
      const r = before
        ? editBoundProperties(before, { ...props, file: renderInput(props.file) }, ctx.read, fileNaming(ctx, info))
        : def
          ? editBoundProperties(def, props, ctx.read, fileNaming(ctx, info))
          : { edits: [], removed: [] };
      if (r.problem || !('file' in r) || !r.file)
        return { removed: [], ...(r.problem ? { problem: { ...r.problem, severity: 'error' } } : {}) };
      ctx.fileEdits.set(r.file, [...(ctx.fileEdits.get(r.file) ?? []), ...r.edits]);
      if (before && def) keepRender(ctx, def, props);
      const rendered = def && props.secrets && !before ? requestRender(ctx, def, props) : undefined;
      const changed = r.edits.length ? `${props.file} (${Object.keys(props.set).join(', ')})` : undefined;
      return { removed: r.removed, ...(changed || rendered ? { changed: [changed, rendered].filter(Boolean).join('; ') } : {}) };
    },
    addFiles: (files) => {
      ctx.configs.push(
        ...Object.entries(files).map(([target, content]) => ({ service: info.name, target, content: composeLiteral(content) })),
      );
      return `needs files ${Object.keys(files).join(', ')} (Compose configs)`;
    },
  };
}

/** The customer's naming of the topics and groups a service's mounted properties file names, at each property's key. */
function fileNaming(ctx: RewriteContext, info: ServiceInfo) {
  return (current: Map<string, PropertyEntry>, set: Record<string, string>, file: string): void => {
    const client = { subject: `service "${info.name}"`, id: servicePlanId(info.name, info.defs[0]?.file.source.path ?? '') };
    const at = (e: PropertyEntry | undefined): Span => e?.keySpan ?? { file, start: 0, end: 0 };
    for (const n of propertiesNames(current)) ctx.fileNames.push({ service: handoffName(client.id), where: `${file} ${n.setting}`, ...n });
    const out = nameProperties(ctx.spec, client, current, set, at);
    ctx.diagnostics.push(...out.diagnostics);
    ctx.plan.renames.push(...out.renames);
  };
}

/** Decides whether a kept service is a Kafka client and, if so, writes its connection settings. */
export function configureClient(
  ctx: RewriteContext,
  info: ServiceInfo,
  env: EnvState,
  matched: string[],
  dependedOnDropped: boolean,
  dependedOn?: DroppedDependency,
): RewiredItem | undefined {
  const def = info.defs[0];
  if (!def) return undefined;
  const binding = ctx.bindings?.clients.get(info.name);
  const namedIn = dependedOnDropped ? mountedKafkaAddress(ctx.analysis, info) : undefined;
  const out = configure(
    ctx.spec,
    {
      name: info.name,
      subject: `service "${info.name}"`,
      planId: servicePlanId(info.name, def.file.source.path),
      removedFrom: info.name,
      // a service built from a local Dockerfile is the image it starts from, for the client families
      ...(info.baseImage && info.built ? { image: info.baseImage } : info.image ? { image: info.image } : {}),
      env: env.snapshot(),
      matched,
      ...(binding ? { binding } : {}),
      dependedOnDropped,
      ...(dependedOnDropped && dependedOn ? { dependedOn } : {}),
      ...(namedIn ? { namedIn } : {}),
      usesRegistry: matched.some((m) => m.endsWith('(schema registry)')),
      declare: `kafka.clients.${info.name}: { family: env, env: { bootstrapServers: ..., securityProtocol: ..., ... } }`,
      at: spanOfNode(def.file.source, def.pair.key as Node),
    },
    composeSink(ctx, info, env),
  );
  ctx.diagnostics.push(...out.diagnostics);
  ctx.plan.removed.push(...out.removed);
  if (out.item && out.family && out.emission) {
    const emitted = new Set(Object.keys(out.emission.env));
    ctx.diagnostics.push(...checkServiceEnvFiles(ctx.read, info.defs, info.name, out.family.family, emitted, binding));
  }
  return out.item;
}
