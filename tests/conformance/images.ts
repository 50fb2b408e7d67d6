import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContainerMount, ContainerView } from './compose-service.js';

// Stand-ins for the entrypoints of vendor images whose program reads its Kafka settings from variables
// the entrypoint turns into a properties file; the java runner (kafka-clients) then plays the program
// with that file, the topic and the group, and the rest of the container's environment (config
// providers such as EnvVarConfigProvider read it).
// - Confluent Connect (`cp-kafka-connect`): every CONNECT_<NAME> becomes the worker property <name>
//   (lower case, `___` → `-`, `__` → `_`, `_` → `.`); the worker's own clients read the worker-level
//   keys, so the runner uses those, with the config storage topic and the worker's group.
// - Strimzi client examples (`strimzi-examples/…`, `strimzi/java-kafka-…`): every KAFKA_<NAME> becomes
//   the client property <name> (`_` → `.`), the topic from STRIMZI_TOPIC.

/** What an image's entrypoint makes of the container's environment: the runner's environment and properties. */
export interface ImageLaunch {
  env: Record<string, string>;
  properties: string;
}

const CONNECT = /(^|\/)cp-kafka-connect(:|@|$)/;
const STRIMZI = /(^|\/)strimzi-examples\/|(^|\/)strimzi\/(hello-world|java-kafka)/;
const FILE = '/opt/graft-conformance/client.properties';

/** java.util.Properties text for one value (backslashes, line breaks and a leading blank escaped). */
function propertyValue(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/^ /, '\\ ');
}

const connectKey = (k: string): string =>
  k
    .slice('CONNECT_'.length)
    .toLowerCase()
    .split('___')
    .map((part) =>
      part
        .split('__')
        .map((p) => p.replace(/_/g, '.'))
        .join('_'),
    )
    .join('-');

/** The launch of an image with an entrypoint stand-in, or undefined when the image runs the runner as it is. */
export function imageLaunch(image: string, env: Readonly<Record<string, string>>): ImageLaunch | undefined {
  let props: [string, string][];
  let topic: string | undefined;
  let group: string | undefined;
  let prefix: string;
  if (CONNECT.test(image)) {
    prefix = 'CONNECT_';
    props = Object.entries(env)
      .filter(([k]) => k.startsWith(prefix) && !/^CONNECT_(PRODUCER|CONSUMER|ADMIN)_/.test(k) && k !== 'CONNECT_GROUP_ID')
      .map(([k, v]) => [connectKey(k), v]);
    [topic, group] = [env['CONNECT_CONFIG_STORAGE_TOPIC'], env['CONNECT_GROUP_ID']];
  } else if (STRIMZI.test(image)) {
    prefix = 'KAFKA_';
    props = Object.entries(env)
      .filter(([k]) => k.startsWith(prefix) && k !== 'KAFKA_GROUP_ID')
      .map(([k, v]) => [k.slice(prefix.length).toLowerCase().replace(/_/g, '.'), v]);
    [topic, group] = [env['STRIMZI_TOPIC'], env['KAFKA_GROUP_ID']];
  } else return undefined;
  const rest = Object.fromEntries(Object.entries(env).filter(([k]) => !k.startsWith(prefix)));
  return {
    env: { ...rest, KAFKA_CONFIG_FILE: FILE, TOPIC: topic ?? '', GROUP_ID: group ?? '' },
    properties: props.map(([k, v]) => `${k}=${propertyValue(v)}\n`).join(''),
  };
}

/** The container as the java runner plays it behind the image's entrypoint (the properties file written under `scratch`). */
export function launchImage<V extends ContainerView>(image: string, view: V, scratch: string): V {
  const launch = imageLaunch(image, view.env);
  if (!launch) return view;
  mkdirSync(scratch, { recursive: true });
  const source = join(scratch, 'client.properties');
  writeFileSync(source, launch.properties);
  const mount: ContainerMount = { source, target: FILE, readOnly: true };
  return { ...view, env: launch.env, mounts: [...view.mounts, mount] };
}
