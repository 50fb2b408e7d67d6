// LinkedIn Burrow's burrow.toml: where its Kafka connections take their security settings, for a precise refusal.

/** One `[section.name]` of the file: its header, the line it starts on and its `key=value` lines. */
interface Section {
  name: string;
  line: number;
  keys: Map<string, { value: string; line: number }>;
}

function sections(text: string): Section[] {
  const out: Section[] = [];
  let current: Section | undefined;
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    const header = /^\[([^\]]+)\]\s*(#.*)?$/.exec(line);
    if (header) {
      current = { name: (header[1] ?? '').trim(), line: i + 1, keys: new Map() };
      out.push(current);
      return;
    }
    const kv = /^([A-Za-z0-9_-]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (kv && current) current.keys.set(kv[1] ?? '', { value: kv[2] ?? '', line: i + 1 });
  });
  return out;
}

const unquote = (v: string | undefined): string => (v ?? '').replace(/^"(.*)"$/, '$1');

/** Tells whether a file is Burrow's configuration: cluster or consumer modules of class `kafka`. */
export function isBurrowConfig(text: string): boolean {
  return sections(text).some((s) => /^(cluster|consumer)\./.test(s.name) && unquote(s.keys.get('class-name')?.value) === 'kafka');
}

/**
 * Why graft cannot give a Burrow configuration the customer's security settings, and what to write instead: its
 * `[cluster.*]` and `[consumer.*]` modules of class `kafka` connect with the `[client-profile.*]` they name, whose
 * `tls` and `sasl` name `[tls.*]` (`cafile`, `certfile`, `keyfile`: files) and `[sasl.*]` (`username`, `password`,
 * `mechanism`, written in the file; releases with `general.env-var-prefix` also read `BURROW_SASL_<NAME>_PASSWORD`)
 * sections. `file` names the file in the help, `name` before its line numbers. Undefined when the text is no Burrow configuration.
 */
export function burrowSecurityReason(
  text: string,
  file: string,
  name: string,
  protocol: string,
  mechanism: string | undefined,
): { why: string; help: string } | undefined {
  const all = sections(text);
  const kafka = all.filter((s) => /^(cluster|consumer)\./.test(s.name) && unquote(s.keys.get('class-name')?.value) === 'kafka');
  if (kafka.length === 0) return undefined;
  const where = kafka.map((s) => `[${s.name}] (${name} line ${s.keys.get('servers')?.line ?? s.line})`).join(', ');
  const zk = [
    ...all
      .filter((s) => s.name === 'zookeeper' && s.keys.has('servers'))
      .map((s) => `[zookeeper] (${name} line ${s.keys.get('servers')?.line ?? s.line}), Burrow's own coordination`),
    ...all
      .filter((s) => s.name.startsWith('consumer.') && unquote(s.keys.get('class-name')?.value) === 'kafka_zk')
      .map((s) => `[${s.name}] (${name} line ${s.line}), a kafka_zk consumer reading offsets a ZooKeeper-based Kafka kept there`),
  ];
  const tls = protocol === 'SSL' || protocol === 'SASL_SSL';
  const sasl = protocol.startsWith('SASL_');
  const profile = [tls ? 'tls="customer"' : '', sasl ? 'sasl="customer"' : ''].filter(Boolean).join(' ');
  const steps = [
    `add [client-profile.customer] with ${profile}`,
    ...(tls
      ? [
          '[tls.customer] with cafile (and certfile, keyfile for a client certificate) at paths where the Burrow container mounts the customer\u2019s files',
        ]
      : []),
    ...(sasl
      ? [
          `[sasl.customer] with username and mechanism="${mechanism ?? 'PLAIN'}" and the password from BURROW_SASL_CUSTOMER_PASSWORD (read by Burrow releases with general.env-var-prefix; older ones take it only written in the file)`,
        ]
      : []),
    `then client-profile="customer" in ${kafka.map((s) => `[${s.name}]`).join(' and ')}`,
  ];
  return {
    why:
      `it is Burrow's configuration: ${where} connect with the [client-profile.*] section they name, whose tls and sasl settings are sections of the same file, which graft does not write` +
      (zk.length ? `; it also uses a ZooKeeper: ${zk.join('; ')}` : ''),
    help: `in ${file}: ${steps.join('; ')}. A file that already names the customer's servers is left as it is`,
  };
}
