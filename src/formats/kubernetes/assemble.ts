import { posix } from 'node:path';
import { isScalar, type Scalar } from 'yaml';
import type { YamlEditor } from '../yaml/editor.js';
import { indentLines, renderBlock } from '../yaml/text.js';
import { scalarText } from '../yaml/nodes.js';
import type { AssembledFile, K8sContext } from './context.js';
import { getPath, seqAt } from './parse.js';
import { SECRETS_DIR } from './secrets.js';
import type { Container, Workload } from './workloads.js';
import { ASSEMBLE_IMAGE, ASSEMBLE_SCRIPT } from '../properties/assemble-script.js';

export { ASSEMBLE_IMAGE, ASSEMBLE_SCRIPT };

// librdkafka reads sasl.password and sasl.oauthbearer.client.secret only as values inside its properties file, and a
// Secret volume places each key as a file of its own. So the file a bound container reads is assembled when the pod
// starts: an init container copies the ConfigMap's text (graft's non-secret settings already in it) and appends each
// secret setting as `key=` followed by the Secret key's bytes, into an in-memory emptyDir the application container
// mounts at the file's path. graft never sees a value; the script passes it with `cat`, byte for byte, and refuses a
// value with a line break inside it (a properties line cannot carry one, and it would add settings of its own).

/** Name of the init container and of its in-memory volume (a second file in the pod gets `-2`, …). */
export const ASSEMBLE_NAME = 'graft-kafka-config';
/** The names graft's init containers and their volumes have. */
export const ASSEMBLER = new RegExp(`^${ASSEMBLE_NAME}(-\\d+)?$`);
const IN = '/graft/in';
const OUT = '/graft/out';

/**
 * The init container, its volume and the application container's mount, for every file the pod's containers need
 * assembled. The init containers are added by `addInits`, once every volume of the pod is appended: a pod spec that
 * ends with `volumes:` gets its new `initContainers:` key after them.
 */
export function attachAssembly(ctx: K8sContext, w: Workload, ed: YamlEditor): { notes: Map<Container, string[]>; addInits: () => void } {
  const notes = new Map<Container, string[]>();
  const none = { notes, addInits: () => undefined };
  const files = w.containers.flatMap((c) => ctx.files.needs.get(c.node)?.assemble ?? []);
  if (files.length === 0) return none;
  const taken = new Set([...seqAt(w.podSpec, 'volumes'), ...seqAt(w.podSpec, 'initContainers')].map((v) => scalarText(getPath(v, 'name'))));
  // compiled once already: the pod assembles its files
  if (taken.has(ASSEMBLE_NAME)) return none;
  const inits: string[] = [];
  const volumes: string[] = [];
  files.forEach((f, i) => {
    const name = i === 0 ? ASSEMBLE_NAME : `${ASSEMBLE_NAME}-${i + 1}`;
    const base = posix.basename(f.mount.path);
    inits.push(initContainer(name, f, base));
    volumes.push(renderBlock({ name, emptyDir: { medium: 'Memory' } }));
    mountAssembled(ed, f, name, base);
    const c = f.mount.container;
    notes.set(c, [
      ...(notes.get(c) ?? []),
      `init container ${name} (${ASSEMBLE_IMAGE}) writes ${f.mount.path} for container "${c.name}" into an in-memory volume: the ConfigMap's file, then ${Object.keys(f.settings).join(', ')} from the Secret`,
    ]);
  });
  ed.appendUnder(w.podSpec, 'volumes', 'seq', volumes);
  return { notes, addInits: () => ed.appendUnder(w.podSpec, 'initContainers', 'seq', inits) };
}

/** Whether a container already reads `file` from a volume graft's init container assembles (an output compiled again). */
export function assembledAt(c: Container, file: string): boolean {
  return seqAt(c.node, 'volumeMounts').some(
    (m) => ASSEMBLER.test(scalarText(getPath(m, 'name'))) && scalarText(getPath(m, 'mountPath')) === file,
  );
}

function initContainer(name: string, f: AssembledFile, base: string): string {
  const args = [
    name,
    posix.join(IN, f.mount.inVolume),
    posix.join(OUT, base),
    ...Object.entries(f.settings).map(([key, file]) => `${key}=${SECRETS_DIR}/${file}`),
  ];
  const head = renderBlock({ name, image: ASSEMBLE_IMAGE });
  const script = indentLines(ASSEMBLE_SCRIPT, '    ');
  const tail = renderBlock({
    volumeMounts: [
      { name: f.mount.volume, mountPath: IN, readOnly: true },
      { name: 'graft-secrets', mountPath: SECRETS_DIR, readOnly: true },
      { name, mountPath: OUT },
    ],
    securityContext: {
      runAsNonRoot: true,
      runAsUser: 65534,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    },
  });
  const argLines = indentLines(renderBlock(args), '  ');
  return `${head}\ncommand:\n  - sh\n  - -c\n  - |\n${script}\n${argLines}\n${tail}`;
}

// the file's own subPath mount now shows the assembled file; a mounted directory gets the file mounted over it
function mountAssembled(ed: YamlEditor, f: AssembledFile, volume: string, base: string): void {
  const m = f.mount.mountNode;
  const subPath = m.get('subPath', true);
  if (isScalar(subPath) && scalarText(subPath) === f.mount.inVolume) {
    ed.setScalar(m.get('name', true) as Scalar, volume);
    ed.setScalar(subPath, base);
    return;
  }
  const mount = renderBlock({ name: volume, mountPath: f.mount.path, subPath: base, readOnly: true });
  ed.appendUnder(f.mount.container.node, 'volumeMounts', 'seq', [mount]);
}
