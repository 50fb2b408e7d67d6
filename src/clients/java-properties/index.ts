import { usesTls } from '../../spec/types.js';
import { checkProvidersAllowed, directoryProviderStyle, providerSettings } from '../java-common/config-providers.js';
import { javaClientConfig, withSystemProps } from '../java-common/index.js';
import { checkAwsMskIam, requireConfigFile } from '../common.js';
import { emptyEmission, type ClientFamily, type EmitContext, type Emission } from '../types.js';

/** A Java app that reads Kafka client properties from a file the vendor names in `binding.configFile`. */
export const javaProperties = {
  family: 'java-properties',
  mechanisms: ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512', 'OAUTHBEARER'],
  mtls: true,
  detect: () => undefined,
  emit: emitJavaProperties,
} satisfies ClientFamily;

/** Computes the Java client properties the service's file must hold for the customer's cluster. */
export function emitJavaProperties(ctx: EmitContext): Emission {
  const out = emptyEmission();
  const file = requireConfigFile(ctx, out, 'java-properties');
  if (!file || !checkAwsMskIam(ctx, out.problems)) return out;
  checkProvidersAllowed(ctx, out.problems);
  const style = directoryProviderStyle(ctx);
  const cfg = javaClientConfig(ctx.spec, style);
  const set: Record<string, string> = { 'bootstrap.servers': ctx.bootstrap, ...cfg.props };
  if (style.used()) {
    // The file's own config.providers is not visible here; the list is written as graft's alone.
    Object.assign(set, providerSettings(ctx, { list: undefined, secretsClass: undefined }, out.problems));
    out.notes.push(`secrets reach ${file} through Kafka's DirectoryConfigProvider (config.providers=secrets)`);
  }
  out.properties = { file, format: 'java', set };
  const jvm = withSystemProps(ctx.service.env.get('JAVA_TOOL_OPTIONS'), cfg.systemProps);
  if (jvm !== undefined && jvm !== ctx.service.env.get('JAVA_TOOL_OPTIONS')) out.env.JAVA_TOOL_OPTIONS = jvm;
  if (usesTls(ctx.spec.securityProtocol) && !ctx.spec.tls?.ca) {
    out.notes.push('TLS trusts the JVM default CA store (no tls.ca in the spec)');
  }
  return out;
}
