import { usesSasl } from '../spec/types.js';
import type { ClientCode } from './codes.js';
import type { EmitContext, Emission, Problem } from './types.js';

/** Tells whether a bootstrap value already names every one of the customer's servers. */
export function pointsAtCustomer(ctx: Pick<EmitContext, 'spec'>, value: string | undefined): boolean {
  return value !== undefined && ctx.spec.bootstrapServers.every((s) => value.includes(s));
}

/** Keeps a bootstrap value already rewired to the customer's servers (e.g. `${BROKERS:-host:9092}`), else sets it. */
export function bootstrapValue(ctx: EmitContext, current: string | undefined): string {
  if (current !== undefined && pointsAtCustomer(ctx, current)) return current;
  return ctx.bootstrap;
}

/** Applies the customer's group prefix to a consumer group id, once. */
export function prefixGroup(ctx: Pick<EmitContext, 'spec'>, group: string): string {
  const p = ctx.spec.groups?.prefix;
  return p && !group.startsWith(p) ? p + group : group;
}

/** Applies the customer's topic prefix to a topic name, once. */
export function prefixTopic(ctx: Pick<EmitContext, 'spec'>, topic: string): string {
  const p = ctx.spec.topics?.prefix;
  return p && !topic.startsWith(p) ? p + topic : topic;
}

/** Builds a problem with one of the client codes. */
export function problem(code: ClientCode, message: string, help: string, severity: Problem['severity'] = 'error'): Problem {
  return { code, severity, message, help };
}

/**
 * Refuses AWS_MSK_IAM unless the vendor vouched for the aws-msk-iam-auth jar, or the service runs an image known to ship
 * it (`shippedBy`, the family's official images); true when the emitter may go on.
 */
export function checkAwsMskIam(ctx: EmitContext, problems: Problem[], shippedBy?: RegExp): boolean {
  if (ctx.spec.sasl?.mechanism !== 'AWS_MSK_IAM' || !usesSasl(ctx.spec.securityProtocol)) return true;
  if (ctx.binding?.supports?.awsMskIam) return true;
  if (shippedBy && ctx.service.image !== undefined && shippedBy.test(ctx.service.image)) return true;
  problems.push(
    problem(
      'CLIENT_MECHANISM_UNSUPPORTED',
      `service "${ctx.service.name}" cannot use AWS_MSK_IAM: it needs the aws-msk-iam-auth jar on its classpath`,
      `add the jar to the image, then declare kafka.clients.${ctx.service.name}.supports.awsMskIam: true in graft.yaml`,
    ),
  );
  return false;
}

/** Reports a properties-file client whose binding does not say where the file is; returns the path otherwise. */
export function requireConfigFile(ctx: EmitContext, out: Emission, family: string): string | undefined {
  const file = ctx.binding?.configFile;
  if (file) return file;
  out.problems.push(
    problem(
      'CLIENT_NO_CONFIG_FILE',
      `service "${ctx.service.name}" reads its Kafka settings from a properties file, but graft.yaml does not say which`,
      `declare kafka.clients.${ctx.service.name}.configFile (its path in the container) with family: ${family}`,
    ),
  );
  return undefined;
}
