import { describe, expect, it } from 'vitest';
import { renderDiagnostic, diagnosticToJson, markSensitive, type Diagnostic } from './diagnostic.js';
import { isSecretKey, maskUserinfo, redactMessage, redactText, userinfoRanges } from './redact.js';

describe('redactText', () => {
  it('masks literal values of settings named like secrets, keeping length and lines', () => {
    const text = [
      'KAFKA_SASL_PASSWORD: hunter2',
      '- KAFKA_CLIENT_PASSWORDS=a,b',
      'ssl.truststore.password=changeit',
      '"MasterUserPassword": "p4ss",',
      'sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="pw1" user_admin="pw2";',
      'SecretString: \'{"username": "orders", "password": "pw3"}\'',
      '- name: KAFKA_PASSWORD',
      '  value: pw4',
      '{ name = "KAFKA_PASSWORD", value = "pw5" },',
      'url: https://key:pw6@sr.example.com',
    ].join('\n');
    const out = redactText(text);
    expect(out.length).toBe(text.length);
    expect(out.split('\n').length).toBe(text.split('\n').length);
    for (const secret of ['hunter2', 'a,b', 'changeit', 'p4ss', 'pw1', 'pw2', 'pw3', 'pw4', 'pw5', 'key:pw6']) {
      expect(out, secret).not.toContain(secret);
    }
    expect(out).toContain('KAFKA_SASL_PASSWORD: *******');
    expect(out).toContain('username="u"');
    expect(out).toContain('https://*******@sr.example.com');
  });

  it('keeps references: variables, paths, expressions, placeholders, key names', () => {
    const text = [
      'KAFKA_SASL_PASSWORD_FILE: /run/secrets/kafka_sasl_password',
      'KAFKA_SASL_PASSWORD: ${KAFKA_SASL_PASSWORD:?set it}',
      'SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG: x required username="$${u}" password="$${kafka_sasl_password}";',
      'sasl.jaas.config=x required password="${secrets:/etc/graft/secrets:kafka_sasl_password}";',
      '- name: KAFKA_PASSWORD',
      '  valueFrom:',
      '    secretKeyRef: { name: kafka, key: password }',
      'MasterUserPassword: !Ref DbPassword',
      'password: password',
      'secretKey: kafka_sasl_password',
      'password: { secretRef: { env: KAFKA_PASSWORD } }',
      'url: postgres://${DB_USER}:${DB_PASSWORD}@db:5432/app',
    ].join('\n');
    expect(redactText(text)).toBe(text);
  });

  it('in Terraform, unquoted values are expressions and stay; quoted literals are masked', () => {
    const tf =
      'password = var.kafka_password\nsecret = confluent_api_key.manager.secret\nsecret_string = jsonencode({ password = "pw" })\n';
    expect(redactText(tf, 'main.tf')).toBe(tf.replace('"pw"', '"**"'));
  });

  it('tells secret setting names from others', () => {
    for (const k of ['KAFKA_SASL_PASSWORD', 'ssl.key.password', 'clientSecret', 'AWS_SECRET_ACCESS_KEY', 'api_key', 'password_wo'])
      expect(isSecretKey(k), k).toBe(true);
    for (const k of ['KAFKA_SASL_PASSWORD_FILE', 'secretName', 'secretKeyRef', 'GraftKafkaSaslSecretArn', 'tokenEndpoint', 'username'])
      expect(isSecretKey(k), k).toBe(false);
  });
});

describe('credentials in URLs and messages', () => {
  it('finds user info in URLs, and in bare host:port entries only when asked', () => {
    expect(maskUserinfo('https://key:secret@sr.example.com/x')).toBe('https://***@sr.example.com/x');
    expect(maskUserinfo('a:9092,user:pw@b:9092', true)).toBe('a:9092,***@b:9092');
    expect(maskUserinfo('https://idp.example.com/token?client_secret=s3&scope=kafka&api_key=k1')).toBe(
      'https://idp.example.com/token?client_secret=***&scope=kafka&api_key=***',
    );
    expect(userinfoRanges('user:pw@b:9092')).toEqual([]);
    expect(redactMessage('quoted "https://t0ken@api.example.com" and password="pw"')).toBe(
      'quoted "https://***@api.example.com" and password="***"',
    );
    expect(redactMessage('rpk topic create t --user u --password pw1 -X pass=pw2 --sasl-client-secret "pw3" --brokers b:9092')).toBe(
      'rpk topic create t --user u --password *** -X pass=*** --sasl-client-secret "***" --brokers b:9092',
    );
  });

  it('a diagnostic never renders its sensitive spans, in text or JSON', () => {
    const source = { path: 'kafka.yaml', text: 'sasl: { mechanism: PLAIN, username: u, clientKey: s3cr3t-value }\n' };
    const start = source.text.indexOf('s3cr3t-value');
    const d: Diagnostic = {
      code: 'SPEC_UNKNOWN_FIELD',
      severity: 'error',
      message: 'unknown field "clientKey" in sasl',
      help: 'remove the field',
      subject: { file: 'kafka.yaml', start: source.text.indexOf('clientKey'), end: source.text.indexOf('clientKey') + 9 },
    };
    const [marked] = markSensitive([d], [{ file: 'kafka.yaml', start, end: start + 's3cr3t-value'.length }]);
    if (!marked) throw new Error('no diagnostic');
    const text = renderDiagnostic(marked, () => source);
    expect(text).not.toContain('s3cr3t-value');
    expect(text).toContain('clientKey: ************ }');
    // the underline still sits under the field
    const [frame, underline] = text.split('\n').slice(2, 4);
    expect(underline?.indexOf('~')).toBe(frame?.indexOf('clientKey'));
    expect(JSON.stringify(diagnosticToJson(marked, () => source))).not.toContain('s3cr3t-value');
    // without the mark, the frame would show it: the test can fail
    expect(renderDiagnostic(d, () => source)).toContain('s3cr3t-value');
  });
});

describe('Kubernetes Secrets and block scalars', () => {
  it('masks every value of a Secret, and the lines of a block scalar under a secret key', () => {
    const text = [
      'apiVersion: v1',
      'kind: Secret',
      'metadata:',
      '  name: kafka-users',
      'data:',
      '  cluster-id: c2VjcmV0LWlk',
      'stringData:',
      '  jaas.conf: |',
      '    KafkaServer { password="pw1"; };',
      '    plain-line-two',
      '---',
      'kind: ConfigMap',
      'data:',
      '  bootstrap: kafka:9092',
      '  ssl.key.password: |',
      '    pw2',
      '  after: kept',
    ].join('\n');
    const out = redactText(text);
    for (const secret of ['c2VjcmV0LWlk', 'pw1', 'plain-line-two', 'pw2']) expect(out, secret).not.toContain(secret);
    for (const kept of ['name: kafka-users', 'bootstrap: kafka:9092', 'after: kept', 'jaas.conf: |']) expect(out).toContain(kept);
  });
});
