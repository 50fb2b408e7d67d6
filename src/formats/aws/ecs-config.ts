import { posix } from 'node:path';
import type { Problem } from '../../clients/types.js';
import { JAVA_SECURITY_PROPERTIES, LIBRDKAFKA_SECURITY_PROPERTIES } from '../../configure/security-surface.js';
import { secretVariableName } from '../../configure/secret-variables.js';
import type { SecretValue } from '../../spec/types.js';
import { escapePropertyKey, escapePropertyValue } from '../properties/escape.js';
import type { EcsConfigInitFact } from '../types.js';

// On ECS a properties file a client reads is inside its image, and a task mounts no file of the stack. So the file the
// client reads is rewritten when the task starts, by a container graft adds to the task definition: it runs the app's
// own image (the file and its neighbours are there) with `sh -c`, copies the directory holding the file into a task
// volume (a bind-mount volume without a host path: task-scoped scratch storage), deletes from the copy every setting
// on the family's security surface and every setting graft writes, and appends graft's. The app container waits for
// it to exit 0 (`dependsOn` SUCCESS, which ECS allows only on a non-essential container) and mounts the volume at the
// file's directory, read-only. librdkafka's secrets, which it reads only inside the file, reach the step alone
// through ECS `secrets` and are appended from its environment; a PEM file setting gets the PEM written beside the file.
// The step runs as root: a Fargate task volume is owned by root, and the image's user may not write to it.

/** The container that rewrites a properties file when the task starts. */
export interface EcsConfigInit {
  /** The init container's name, and its volume's. */
  name: string;
  /** The properties file it rewrites, inside the image. */
  file: string;
  /** The directory that holds the file, where the app container mounts the volume. */
  dir: string;
  /** Where the init container mounts the volume. */
  at: string;
  /** The `sh -c` script. */
  script: string;
  /** Variables only the init container receives (ECS `secrets`), by name. */
  secrets: Map<string, SecretValue>;
}

/** Where the init container writes the copy. */
export const ECS_CONFIG_MOUNT = '/graft-kafka-config';
/** The suffix of the init container's name after the app container's. */
export const ECS_CONFIG_SUFFIX = '-kafka-config';

/** What the configure stage hands the ECS sink for a properties file. */
export interface EcsPropertiesInput {
  file: string;
  format: 'java' | 'librdkafka';
  /** Literal settings. */
  set: Record<string, string>;
  /** Settings whose value is a secret, written into the file from the init container's environment. */
  secrets?: Record<string, SecretValue>;
  /** Settings that name a file: the secret's PEM is written into the volume beside the properties file. */
  files?: Record<string, SecretValue>;
}

// Images known to have no shell: the step cannot run in them.
const NO_SHELL = /(^|\/)distroless\/|(^|\/)(static|base)-debian\d+(:|@|$)|^scratch(:|$)/;

/** Why the image cannot run the step, or undefined. */
export function noShellProblem(container: string, image: string | undefined, file: string): Problem | undefined {
  if (!image || !NO_SHELL.test(image)) return undefined;
  return {
    code: 'CLIENT_PROPERTIES_IMAGE_NO_SHELL',
    severity: 'error',
    message: `container "${container}" reads ${file} inside its image (${image}), which has no shell: graft rewrites such a file when the task starts with a step that runs the image's own sh, cp and sed`,
    help: `bind the client as family env in graft.yaml so its settings arrive as environment variables (kafka.clients.${container}: { family: env, env: { ... } }), or ship an image with a POSIX shell`,
  };
}

/**
 * The sed program that deletes every line of the given keys and of every `sasl.*` / `ssl.*` key (`key=`, `key:`,
 * `key value`, `key` alone; leading blanks allowed), a value continued with a trailing backslash included (an odd number
 * of them: an even number is an escaped backslash). POSIX basic expressions, no alternation.
 */
function deleteProgram(keys: readonly string[]): string {
  const patterns = [...keys.map((k) => k.replace(/\./g, '\\.')), 'ssl\\.[a-z0-9.-]*', 'sasl\\.[a-z0-9.-]*'];
  return [
    ...patterns.map((p) => String.raw`/^[[:space:]]*${p}\([[:space:]=:].*\)\{0,1\}$/b drop`),
    'b',
    ':drop',
    String.raw`/[^\\]\(\\\\\)*\\$/{`,
    'N',
    'b drop',
    '}',
    String.raw`/^\(\\\\\)*\\$/{`,
    'N',
    'b drop',
    '}',
    'd',
  ].join('\n');
}

const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** The init container that rewrites `input.file` for the app container `container`; it mounts the volume at `mount`. */
export function ecsConfigInit(container: string, input: EcsPropertiesInput, mount = ECS_CONFIG_MOUNT): EcsConfigInit {
  const name = `${container}${ECS_CONFIG_SUFFIX}`;
  const dir = posix.dirname(input.file);
  const out = posix.join(mount, posix.basename(input.file));
  const surface = input.format === 'java' ? JAVA_SECURITY_PROPERTIES : LIBRDKAFKA_SECURITY_PROPERTIES;
  const written = [...Object.keys(input.set), ...Object.keys(input.secrets ?? {}), ...Object.keys(input.files ?? {})];
  const keys = [...new Set([...surface, ...written])].filter((k) => !/^(sasl|ssl)\./.test(k)).sort();
  const secrets = new Map<string, SecretValue>();
  const lines = [
    'set -eu',
    `if [ ! -f ${quote(input.file)} ]; then echo ${quote(`${name}: ${input.file} is not in the image`)} >&2; exit 1; fi`,
    `cp -R ${quote(`${dir}/.`)} ${quote(`${mount}/`)}`,
    `sed -e ${quote(deleteProgram(keys))} ${quote(input.file)} >${quote(`${out}.tmp`)}`,
    // the origin's last line may lack its line break: graft's settings start on lines of their own
    `echo >>${quote(`${out}.tmp`)}`,
  ];
  const settings = Object.entries(input.set).map(([k, v]) => `${escapePropertyKey(k)}=${escapePropertyValue(v)}`);
  if (settings.length > 0) lines.push(`cat >>${quote(`${out}.tmp`)} <<'GRAFT_KAFKA_SETTINGS'`, ...settings, 'GRAFT_KAFKA_SETTINGS');
  const nl = "nl='\n'";
  let nlDeclared = false;
  for (const [key, secret] of Object.entries(input.secrets ?? {})) {
    const variable = secretVariableName(secret);
    secrets.set(variable, secret);
    if (!nlDeclared) {
      lines.push(nl);
      nlDeclared = true;
    }
    // one trailing line break ends the line; a line break inside would end the value and add settings of its own
    lines.push(
      `v=\${${variable}%"$nl"}`,
      `case $v in *"$nl"*) echo ${quote(`${name}: a line break inside the value of ${key}, which a properties line cannot hold`)} >&2; exit 1;; esac`,
      `printf '%s=%s\\n' ${quote(key)} "$v" >>${quote(`${out}.tmp`)}`,
    );
  }
  for (const [key, secret] of Object.entries(input.files ?? {})) {
    const variable = secretVariableName(secret);
    secrets.set(variable, secret);
    const pem = `${variable.toLowerCase().replace(/_/g, '-')}.pem`;
    lines.push(
      `printf '%s\\n' "$${variable}" >${quote(posix.join(mount, pem))}`,
      `printf '%s=%s\\n' ${quote(key)} ${quote(posix.join(dir, pem))} >>${quote(`${out}.tmp`)}`,
    );
  }
  lines.push(`mv -f ${quote(`${out}.tmp`)} ${quote(out)}`);
  return { name, file: input.file, dir, at: mount, script: lines.join('\n'), secrets };
}

/** What the image must have and allow for the init container: the commands its script runs, the user it runs as. */
export const ECS_CONFIG_NEEDS = { commands: ['sh', 'cp', 'sed', 'cat', 'mv'], user: '0' } as const;

const recorded = new WeakMap<object, EcsConfigInitFact[]>();

/** Records an init container a format added to a task definition of one compile (keyed by its plan), for its facts. */
export function recordConfigInit(plan: object, init: Omit<EcsConfigInitFact, 'commands' | 'user'>): void {
  const fact: EcsConfigInitFact = { ...init, ...ECS_CONFIG_NEEDS };
  const have = recorded.get(plan) ?? [];
  if (!have.some((f) => f.workload === fact.workload && f.init === fact.init)) recorded.set(plan, [...have, fact]);
}

/** The init containers recorded for a compile's plan. */
export function configInitsOf(plan: object): EcsConfigInitFact[] {
  return recorded.get(plan) ?? [];
}
