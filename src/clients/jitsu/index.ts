import { usesSasl, usesTls, type Value } from '../../spec/types.js';
import { bootstrapValue, problem } from '../common.js';
import { emptyEmission, type ClientFamily, type EmitContext, type Emission, type ValuePart } from '../types.js';

/** Jitsu's images (jitsucom/bulker, jitsucom/ingest, jitsucom/rotor), any registry, tag or digest. */
const IMAGE = /(^|\/)jitsucom\/(bulker|ingest|rotor)(:|@|$)/;

/** A Jitsu service: bulker and ingest (Go, librdkafka) read `<PREFIX>KAFKA_*`, rotor (Node.js, kafkajs) `KAFKA_*`. */
type Component = 'bulker' | 'ingest' | 'rotor';

/** Which Jitsu service this is: its image, else the variable only bulker or ingest reads. */
export function jitsuComponent(image: string | undefined, env: ReadonlyMap<string, string>): Component | undefined {
  const named = image !== undefined ? IMAGE.exec(image)?.[2] : undefined;
  if (named === 'bulker' || named === 'ingest' || named === 'rotor') return named;
  if (env.has('BULKER_KAFKA_BOOTSTRAP_SERVERS')) return 'bulker';
  if (env.has('INGEST_KAFKA_BOOTSTRAP_SERVERS')) return 'ingest';
  return undefined;
}

/** The prefix a Go service's settings carry (its `appbase` environment prefix). */
function prefixOf(component: Component): string {
  return component === 'rotor' ? '' : `${component.toUpperCase()}_`;
}

/**
 * Jitsu's bulker, ingest and rotor. Bulker and ingest share `kafkabase.KafkaConfig` (confluent-kafka-go): `KAFKA_SSL`,
 * `KAFKA_SSL_CA_FILE`, `KAFKA_SASL` (an hjson object whose keys become `sasl.<key>`), under their `BULKER_` /
 * `INGEST_` prefix; rotor reads `KAFKA_SSL` and `KAFKA_SASL` (JSON5, kafkajs' `sasl` option) itself.
 */
export const jitsu = {
  family: 'jitsu',
  // kafkajs and librdkafka both sign PLAIN and SCRAM from these variables; neither is given OAuth or IAM settings
  mechanisms: ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'],
  // no variable of any of the three carries a client certificate
  mtls: false,
  notJava: true,
  detect: (s) => {
    if (s.image !== undefined && IMAGE.test(s.image)) return 'certain';
    return s.env.has('BULKER_KAFKA_BOOTSTRAP_SERVERS') || s.env.has('INGEST_KAFKA_BOOTSTRAP_SERVERS') ? 'likely' : undefined;
  },
  emit: emitJitsu,
} satisfies ClientFamily;

/** A JSON string's content for a literal, or the secret the platform fills in between the quotes. */
function jsonPart(v: Value): ValuePart[] {
  return typeof v === 'string' ? [JSON.stringify(v).slice(1, -1)] : [{ secret: v }];
}

/** Computes a Jitsu service's Kafka variables; the SASL object is a template the platform fills in. */
export function emitJitsu(ctx: EmitContext): Emission {
  const out = emptyEmission();
  const env = ctx.service.env;
  const spec = ctx.spec;
  const name = ctx.service.name;
  const component = jitsuComponent(ctx.service.image, env);
  if (!component) {
    out.problems.push(
      problem(
        'CLIENT_UNKNOWN_COMPONENT',
        `service "${name}" (jitsu) is neither bulker, ingest nor rotor by its image, and sets neither BULKER_ nor INGEST_KAFKA_BOOTSTRAP_SERVERS`,
        `declare the service in graft.yaml (kafka.clients.${name}: family and env bindings)`,
      ),
    );
    return out;
  }
  const p = prefixOf(component);
  out.env[`${p}KAFKA_BOOTSTRAP_SERVERS`] = bootstrapValue(ctx, env.get(`${p}KAFKA_BOOTSTRAP_SERVERS`));
  const tls = usesTls(spec.securityProtocol);
  if (tls) out.env[`${p}KAFKA_SSL`] = 'true';
  const sasl = spec.sasl;
  if (sasl && usesSasl(spec.securityProtocol) && !(jitsu.mechanisms as readonly string[]).includes(sasl.mechanism)) {
    // a vendor's supports.* vouching cannot help: no Jitsu variable carries OAuth or IAM settings
    out.problems.push(
      problem(
        'CLIENT_MECHANISM_UNSUPPORTED',
        `service "${name}" (jitsu ${component}) cannot use SASL ${sasl.mechanism}: ${p}KAFKA_SASL carries only a mechanism, a username and a password`,
        `the customer must offer ${jitsu.mechanisms.join(', ')} for this service`,
      ),
    );
    return out;
  }
  if (sasl && usesSasl(spec.securityProtocol) && sasl.password) {
    // kafkajs names its mechanisms in lower case, librdkafka as Kafka does
    const mechanism = component === 'rotor' ? sasl.mechanism.toLowerCase() : sasl.mechanism;
    out.env[`${p}KAFKA_SASL`] = {
      parts: [
        `{"mechanism":"${mechanism}","username":"`,
        ...jsonPart(sasl.username ?? ''),
        '","password":"',
        { secret: sasl.password },
        '"}',
      ],
    };
    out.notes.push(`${p}KAFKA_SASL is a JSON object around the customer's secrets: a secret holding " or \\ would break it`);
    if (!tls && component !== 'rotor') {
      // librdkafka takes SASL only with a SASL protocol; without KAFKA_SSL it must be said (bulker since February 2026)
      out.env[`${p}KAFKA_SECURITY_PROTOCOL`] = spec.securityProtocol;
    }
  }
  if (tls) {
    if (component === 'rotor') {
      out.notes.push("rotor does not verify the brokers' certificates: its kafkajs client sets rejectUnauthorized: false");
    } else if (spec.tls?.ca) {
      // a path librdkafka reads as ssl.ca.location (kafkabase since January 2025)
      out.env[`${p}KAFKA_SSL_CA_FILE`] = ctx.mountSecret(spec.tls.ca).path;
    } else out.notes.push("TLS trusts the image's system CA store (no tls.ca in the spec)");
  }
  if (spec.topics?.prefix || spec.topics?.allow || spec.groups?.prefix) {
    out.problems.push(
      problem(
        'CLIENT_IMPLICIT_NAME',
        `service "${name}" (jitsu ${component}) uses topics and consumer groups Jitsu names in code (destination-messages and its retry and dead-letter topics, bulker's per-destination topics and their groups, random group ids for retries), which the customer's topic and group naming must reach`,
        'Jitsu chooses these names itself, so the customer must let this service use them as they are: compile it for a cluster spec without topic and group naming',
      ),
    );
  }
  return out;
}
