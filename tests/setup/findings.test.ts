import { describe, expect, it } from 'vitest';
import { atCheckFields } from '../../src/setup/findings.js';
import type { FieldDiagnostic } from '../../src/setup/wire.js';

const finding = (code: string, path = 'bootstrapServers'): FieldDiagnostic => ({ code, severity: 'error', message: 'm', help: 'h', path });
const at = (code: string, spec: Record<string, unknown> = {}, path?: string): string => atCheckFields([finding(code, path)], spec)[0].path;

describe('graft setup: check findings at the spec field they concern', () => {
  it('puts a rejected credential at the credential of the mechanism in use', () => {
    expect(at('CHECK_SASL_AUTH_FAILED', { sasl: { mechanism: 'SCRAM-SHA-512' } })).toBe('sasl.password');
    expect(at('CHECK_SASL_AUTH_FAILED', { sasl: { mechanism: 'OAUTHBEARER' } })).toBe('sasl.oauth.clientSecret');
    expect(at('CHECK_SASL_AUTH_FAILED', { sasl: { mechanism: 'AWS_MSK_IAM' } })).toBe('sasl.aws.roleArn');
  });

  it('puts TLS trust at the CA, a client certificate at tls.clientCert, reachability at the bootstrap servers', () => {
    expect(at('CHECK_TLS_UNTRUSTED')).toBe('tls.ca');
    expect(at('CHECK_TLS_CLIENT_CERT_REJECTED')).toBe('tls.clientCert');
    expect(at('CHECK_TCP_REFUSED', {}, '')).toBe('bootstrapServers');
    expect(at('CHECK_TLS_NOT_TLS_LISTENER')).toBe('securityProtocol');
    expect(at('CHECK_SR_AUTH', {}, '')).toBe('schemaRegistry.basicAuth.password');
  });

  it('keeps the field a finding points at when its code names none, and none when it points outside the spec', () => {
    expect(at('CHECK_SECRET_UNRESOLVED', {}, 'sasl.password')).toBe('sasl.password');
    expect(at('CHECK_TOPIC_MISSING', {}, '')).toBe('');
  });
});
