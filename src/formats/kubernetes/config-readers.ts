import type { CustomerKafka } from '../../spec/types.js';
import type { K8sContext } from './context.js';
import { textAt, type Resource } from './parse.js';

/** A ConfigMap data key that is itself a Kafka client setting (`bootstrap.servers`, `consumer.bootstrap.servers`). */
export const CLIENT_SETTING_KEY = /^([a-z][\w-]*\.)*bootstrap\.servers$/i;

/**
 * The kept custom resources that read a ConfigMap as their configuration, `spec.config: { kind: ConfigMap, name }`
 * (a Knative Broker of class Kafka): each key of the ConfigMap is one of their settings.
 */
export function configMapReaders(ctx: K8sContext, cm: Resource): Resource[] {
  return ctx.analysis.resources.filter((r) => {
    if (r === cm || r.kind === 'ConfigMap' || ctx.analysis.dropped.has(r)) return false;
    if (textAt(r.root, 'spec', 'config', 'kind') !== 'ConfigMap' || textAt(r.root, 'spec', 'config', 'name') !== cm.name) return false;
    const ns = textAt(r.root, 'spec', 'config', 'namespace') || r.namespace;
    return !ns || !cm.namespace || ns === cm.namespace;
  });
}

const isKnativeBroker = (r: Resource): boolean => r.kind === 'Broker' && r.apiVersion.startsWith('eventing.knative.dev/');

/**
 * Why the readers of a ConfigMap whose keys are client settings cannot reach the customer's cluster with the rewired
 * address alone, and what would: a Knative Kafka broker takes SASL and TLS only from the Secret its ConfigMap names in
 * `auth.secret.ref.name`, with keys of Knative's own (which a customer's Secret does not have); MSK IAM (Knative 1.20+,
 * SASL/OAUTHBEARER with an MSK token provider) also needs settings of the Knative installation itself.
 */
export function readerReason(readers: readonly Resource[], key: string, spec: CustomerKafka): { why: string; help: string } | undefined {
  const broker = readers.find(isKnativeBroker);
  if (broker) {
    const iam = spec.sasl?.mechanism === 'AWS_MSK_IAM';
    const keys =
      spec.securityProtocol === 'SSL'
        ? 'protocol, ca.crt, user.crt and user.key'
        : `protocol, sasl.mechanism, user, password${spec.securityProtocol === 'SASL_SSL' ? ' and ca.crt' : ''}`;
    return {
      why:
        `${broker.id} (a Knative Broker) reads it through spec.config, and Knative's Kafka broker takes ${spec.securityProtocol} ` +
        (iam
          ? "settings only from a Secret named in auth.secret.ref.name, and MSK IAM there (Knative 1.20 and later: SASL/OAUTHBEARER with an MSK token provider) also needs the data plane's Java properties and the IAM role of Knative's controller and data plane, settings of the Knative installation outside this stack"
          : `settings only from the Secret this ConfigMap names in auth.secret.ref.name (keys ${keys}), which graft does not write`),
      help: iam
        ? "configure MSK IAM in the Knative installation as its documentation says, then the broker's Secret by hand; or give the customer's cluster a SCRAM, PLAIN or mTLS user for Knative"
        : `create that Secret from the customer's credentials with Knative's key names (${keys}) and name it in the ConfigMap's auth.secret.ref.name; graft does not copy secret values into Secrets of its own`,
    };
  }
  if (readers.length === 0) return undefined;
  return {
    why: `its key ${key} is a Kafka client setting that ${readers.map((r) => r.id).join(', ')} reads through spec.config, and graft does not know where that resource takes its security settings`,
    help: "configure the resource's authentication and TLS as its operator documents, with the customer's Secrets",
  };
}
