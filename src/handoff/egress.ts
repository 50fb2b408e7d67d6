import type { HandoffModel } from './types.js';

/** One endpoint the appliance connects to. */
export interface EgressEndpoint {
  purpose: string;
  host: string;
  port: number;
  protocol: 'kafka' | 'https' | 'http';
  tls: boolean;
}

function fromUrl(purpose: string, url: string): EgressEndpoint | undefined {
  try {
    const u = new URL(url);
    const https = u.protocol === 'https:';
    return { purpose, host: u.hostname, port: Number(u.port) || (https ? 443 : 80), protocol: https ? 'https' : 'http', tls: https };
  } catch {
    return undefined;
  }
}

/** Every endpoint the appliance must reach: bootstrap servers, schema registry, OAuth token endpoint, regional STS. */
export function egressOf(model: HandoffModel): EgressEndpoint[] {
  const spec = model.spec;
  const tls = spec.securityProtocol === 'SSL' || spec.securityProtocol === 'SASL_SSL';
  const out: EgressEndpoint[] = spec.bootstrapServers.map((s) => {
    const i = s.lastIndexOf(':');
    return { purpose: 'Kafka bootstrap server', host: s.slice(0, i), port: Number(s.slice(i + 1)), protocol: 'kafka', tls };
  });
  const extra = [
    spec.schemaRegistry ? fromUrl('schema registry', spec.schemaRegistry.url) : undefined,
    spec.sasl?.oauth ? fromUrl('OAuth token endpoint', spec.sasl.oauth.tokenEndpoint) : undefined,
    spec.sasl?.mechanism === 'AWS_MSK_IAM' && spec.sasl.aws
      ? fromUrl(
          `AWS STS (${spec.sasl.aws.region}), to assume the role and sign MSK IAM tokens`,
          `https://sts.${spec.sasl.aws.region}.amazonaws.com`,
        )
      : undefined,
  ];
  return [...out, ...extra.filter((e): e is EgressEndpoint => e !== undefined)];
}

/** `egress.json`: the endpoints as data for firewall tooling. */
export function renderEgressJson(model: HandoffModel): string {
  return (
    JSON.stringify(
      {
        endpoints: egressOf(model),
        notes: [
          'Kafka clients connect to every broker the cluster advertises (advertised.listeners), not only the bootstrap servers: allow those too.',
        ],
      },
      null,
      2,
    ) + '\n'
  );
}

/** `egress.md`: the same endpoints for a firewall change request. */
export function renderEgressMd(model: HandoffModel): string {
  const rows = egressOf(model).map((e) => `| ${e.purpose} | \`${e.host}\` | ${e.port} | ${e.protocol}${e.tls ? ' over TLS' : ''} |`);
  return [
    '# Egress the appliance needs',
    '',
    'Allow outbound TCP from the appliance to:',
    '',
    '| purpose | host | port | protocol |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
    'Kafka clients then connect to every broker the cluster advertises (`advertised.listeners`), not only the bootstrap',
    'servers: allow each broker host on the same port. `graft check` reports any advertised broker it cannot reach',
    '(`CHECK_ADVERTISED_UNREACHABLE`).',
    '',
  ].join('\n');
}
