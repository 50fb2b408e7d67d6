import { posix } from 'node:path';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { Emission } from '../../clients/types.js';
import { ASSEMBLE_IMAGE, ASSEMBLE_SCRIPT } from '../properties/assemble-script.js';
import { columnOf, indentLines, renderBlock } from '../yaml/text.js';
import { scalarText } from '../yaml/nodes.js';
import { appendTopLevel } from './env-state.js';
import { deref, getKey, pairAt, type ComposeFile, type ComposeService } from './parse.js';
import { servicePlanId, type RenderRequest, type RewriteContext } from './context.js';
import { boundFile } from './properties.js';
import { composeLiteral, SECRETS_DIR } from './secrets.js';

// A librdkafka client reads sasl.password and sasl.oauthbearer.client.secret only inside its properties file, and a
// Compose secret is a file of its own. So the file is assembled before the client starts: a one-shot service
// `<service>-kafka-config` runs the same script as the Kubernetes init container on the stack's file (graft's
// non-secret settings already in it, bind-mounted read-only) and the service's Compose secrets, and writes the
// complete file into a named volume; the client mounts the file from that volume (`volume.subpath`) at the path it
// reads, and waits for the render service to complete successfully.

const IN = '/graft/in';
const OUT = '/graft/out';

/** The render service's name, which is also its volume's. */
export function renderName(service: string): string {
  return `${service}-kafka-config`;
}

/** A render service graft wrote in an earlier compile, when the client already reads `file` from its volume. */
export function renderedBefore(ctx: RewriteContext, def: ComposeService, file: string): ComposeService | undefined {
  const name = renderName(def.name);
  const render = ctx.analysis.services.get(name)?.defs[0];
  if (!render) return undefined;
  const seq = deref(getKey(def.map, 'volumes', def.file), def.file);
  const mounted =
    isSeq(seq) &&
    seq.items.some((v) => isMap(v) && scalarText(v.get('source', true)) === name && scalarText(v.get('target', true)) === file);
  return mounted ? render : undefined;
}

/** The secrets an earlier compile's render service mounts, kept defined and listed in the plan. */
export function keepRender(ctx: RewriteContext, def: ComposeService, props: NonNullable<Emission['properties']>): void {
  const id = servicePlanId(renderName(def.name), def.file.source.path);
  for (const secret of Object.values(props.secrets ?? {})) ctx.secrets.mount(id, secret);
}

/** Where a render service reads the stack's file, for editing it again. */
export function renderInput(file: string): string {
  return posix.join(IN, posix.basename(file));
}

/**
 * Records the render service a client's file needs: its secret settings mounted as Compose secrets of the render
 * service. Returns the plan note, or undefined when the stack does not bind-mount the file (the caller reports it).
 */
export function requestRender(ctx: RewriteContext, def: ComposeService, props: NonNullable<Emission['properties']>): string | undefined {
  const secrets = props.secrets ?? {};
  const rel = boundFile(def, props.file);
  if (!rel) return undefined;
  const id = servicePlanId(renderName(def.name), def.file.source.path);
  const settings = Object.fromEntries(Object.entries(secrets).map(([key, secret]) => [key, ctx.secrets.mount(id, secret).name]));
  ctx.renders.push({ def, file: props.file, source: `./${rel}`, settings });
  return `service ${renderName(def.name)} (${ASSEMBLE_IMAGE}) writes ${props.file} for "${def.name}" into volume ${renderName(def.name)} before it starts: the stack's file, then ${Object.keys(secrets).join(', ')} from Compose secrets`;
}

/** Adds each requested render service, its volume, the client's mount of the file and its wait for the service. */
export function addRenderServices(ctx: RewriteContext): void {
  for (const r of ctx.renders) {
    const name = renderName(r.def.name);
    const ed = ctx.editorOf(r.def);
    const services = r.def.file.services;
    if (!services || pairAt(services, name)) continue;
    const base = posix.basename(r.file);
    const secretNames = [...new Set(Object.values(r.settings))].sort();
    const args = [
      name,
      posix.join(IN, base),
      posix.join(OUT, base),
      ...Object.entries(r.settings).map(([key, secret]) => `${key}=${SECRETS_DIR}/${secret}`),
    ];
    const script = indentLines(composeLiteral(ASSEMBLE_SCRIPT), '      ');
    const argLines = indentLines(renderBlock(args.map(composeLiteral)), '    ');
    const rest = indentLines(
      renderBlock({
        volumes: [`${r.source}:${posix.join(IN, base)}:ro`, `${name}:${OUT}`],
        secrets: secretNames,
        read_only: true,
        cap_drop: ['ALL'],
        // reads the customer's secret files whatever their owner and mode (0600 files of the host user are common)
        cap_add: ['DAC_READ_SEARCH'],
        security_opt: ['no-new-privileges:true'],
        restart: 'no',
      }),
      '  ',
    );
    ed.appendToMap(services, [
      `# Written by graft: assembles ${r.file} for ${r.def.name}, its settings then the secrets librdkafka reads only inside it.\n${name}:\n  image: ${ASSEMBLE_IMAGE}\n  command:\n    - sh\n    - -c\n    - |\n${script}\n${argLines}\n${rest}`,
    ]);
    mountRendered(ctx, r, name, base);
    ctx.waits.push({ def: r.def, name });
  }
}

/** Defines the render services' volumes; `emptied` are the files whose top-level `volumes:` went whole with the dropped Kafka. */
export function defineRenderVolumes(ctx: RewriteContext, emptied: ReadonlySet<ComposeFile>): void {
  const byFile = new Map<ComposeFile, string[]>();
  for (const r of ctx.renders) byFile.set(r.def.file, [...(byFile.get(r.def.file) ?? []), renderName(r.def.name)]);
  for (const [file, names] of byFile) {
    const root = file.doc.contents;
    const top = isMap(root) && !emptied.has(file) ? root.get('volumes', true) : undefined;
    const missing = [...new Set(names)].filter((n) => !isMap(top) || !pairAt(top, n));
    appendTopLevel(
      ctx.editorOf({ file }),
      'volumes',
      top,
      missing.map((n) => `${n}: {}`),
    );
  }
}

// the bind mount of the file itself gives way to the volume's file; a mounted directory gets the file mounted over it
function mountRendered(ctx: RewriteContext, r: RenderRequest, name: string, base: string): void {
  const ed = ctx.editorOf(r.def);
  const seq = deref(getKey(r.def.map, 'volumes', r.def.file), r.def.file);
  if (!isSeq(seq)) return;
  const mount = renderBlock({ type: 'volume', source: name, target: r.file, read_only: true, volume: { subpath: base } });
  const own = seq.items.find((v) => {
    const target = isMap(v) ? scalarText(v.get('target', true)) : isScalar(v) ? (scalarText(v).split(':')[1] ?? '') : '';
    return posix.normalize(target) === posix.normalize(r.file);
  });
  const r0 = isScalar(own) && !seq.flow ? own.range?.[0] : undefined;
  if (isScalar(own) && r0 !== undefined && own.range) {
    // the short form becomes the long one in its place
    const text = r.def.file.source.text;
    const pad = ' '.repeat(columnOf(text, r0));
    ed.replace(r0, own.range[1], mount.split('\n').join(ed.eol + pad));
    return;
  }
  if (own) ed.removeBlockEntry(own as Node);
  ed.appendToSeq(seq, [mount]);
}
