import type { ClientSink } from '../../configure/stage.js';
import { ecsConfigInit, noShellProblem, type EcsConfigInit } from './ecs-config.js';
import type { Span } from '../../core/span.js';
import type { CustomerKafka, SecretValue } from '../../spec/types.js';
import { envFamily } from '../../clients/env/index.js';

/**
 * An ECS container definition as each format edits it: its `environment` literals, its `secrets`, and where an
 * entry stands. CloudFormation and Terraform each implement it over their own text.
 */
export interface EcsContainerEdits {
  /** The container's name. */
  name: string;
  /** Its image, when it is literal text. */
  image?: string;
  /** Names in `environment` and `secrets`. */
  names(): readonly string[];
  /** An `environment` value as literal text, when it is one. */
  literal(name: string): string | undefined;
  /** Sets an `environment` variable to literal text. */
  setEnvironment(name: string, text: string): void;
  /** Injects a customer secret as the variable `name` (a `secrets` entry). */
  setSecret(name: string, secret: SecretValue): void;
  /** Removes a variable from `environment` and `secrets`; tells where it was. */
  remove(name: string): Span | undefined;
  /**
   * Adds the init container that rewrites a properties file of the image when the task starts: its definition, the
   * task volume, and the app container's `dependsOn` and mount point.
   */
  addConfigInit(init: EcsConfigInit): void;
}

/**
 * The configure stage's sink for an ECS container: no secret files, each secret a whole variable of its own; a
 * properties file inside the image is rewritten when the task starts by an init container (`ecs-config.ts`).
 */
export function ecsSink(c: EcsContainerEdits): ClientSink {
  return {
    platform: 'ECS',
    can: { secretFiles: false, secretEnv: true, composites: false, files: false, properties: true, assembleAtStart: true },
    settings: () => c.names(),
    literal: (name) => c.literal(name),
    set: (name, value) => {
      if (typeof value === 'string') c.setEnvironment(name, value);
      else {
        const [only] = value.parts;
        // the stage hands an ECS container only whole secrets (composites are refused before)
        if (value.parts.length === 1 && only !== undefined && typeof only !== 'string') c.setSecret(name, only.secret);
      }
    },
    remove: (name) => c.remove(name),
    properties: (props) => {
      const problem = noShellProblem(c.name, c.image, props.file);
      if (problem) return { removed: [], problem };
      const set = Object.fromEntries(Object.entries(props.set).filter((e): e is [string, string] => typeof e[1] === 'string'));
      const init = ecsConfigInit(c.name, {
        file: props.file,
        format: props.format,
        set,
        ...(props.secrets ? { secrets: props.secrets } : {}),
        ...(props.files ? { files: props.files } : {}),
      });
      c.addConfigInit(init);
      const secrets = [...Object.keys(props.secrets ?? {}), ...Object.keys(props.files ?? {})];
      return {
        changed: `${props.file} (rewritten when the task starts by the init container ${init.name}: the image's directory ${init.dir} copied into a task volume, its security settings replaced with ${Object.keys(set).join(', ')}${secrets.length ? `, and ${secrets.join(', ')} from the secrets only it receives` : ''})`,
        notes: [
          `the image ${c.image ?? `of container "${c.name}"`} must have a POSIX sh, cp and sed: the init container ${init.name} runs it (as root, since a task volume belongs to root) to rewrite ${props.file}, and "${c.name}" starts only once it succeeded (dependsOn SUCCESS)`,
        ],
        removed: [],
      };
    },
  };
}

/**
 * The help of a refused container that passes the brokers only inside a larger value (`variable` holds `text`, the
 * customer's brokers in place): a Java system property (`-Dkafka.broker=...` in JAVA_TOOL_OPTIONS) is the app's own
 * setting, no family's, and carries no security settings; family env bindings still fit the mechanisms they can carry.
 */
export function brokersInValueHelp(
  spec: CustomerKafka,
  container: string,
  variable: string,
  text: string,
  subject = 'the container',
): string {
  const first = spec.bootstrapServers[0] ?? '';
  const prop = [...text.matchAll(/-D([^=\s]+)=(\S*)/g)].find((m) => (m[2] ?? '').includes(first))?.[1];
  const carrier = prop ? `the Java system property ${prop} in ${variable}` : `a larger value (${variable})`;
  const protocol = spec.securityProtocol + (spec.sasl ? ` with ${spec.sasl.mechanism}` : '');
  const viaEnv = !spec.sasl || (envFamily.mechanisms as readonly string[]).includes(spec.sasl.mechanism);
  const how = viaEnv
    ? `if the app reads its security settings from environment variables, name them in graft.yaml: kafka.clients.${container}: { family: env, env: { securityProtocol: ..., saslMechanism: ..., ... } } (graft then rewires the brokers inside ${variable} where they stand); if its code sets them, the app must be changed to read them`
    : `nor through family env bindings (they cannot carry ${spec.sasl?.mechanism ?? ''}): the app must read its settings the way a client family graft knows does (kafka.clients.${container}: { family: ... }), or the customer must offer a listener it can use`;
  return `${subject} passes the brokers only in ${carrier}, a setting of the app's own that no client family reads, so graft cannot deliver ${protocol} settings through it; ${how}`;
}
