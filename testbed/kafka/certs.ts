import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runChecked } from './proc.js';

/** Paths of the PEM files generated for one test-bed run. */
export interface TestbedCerts {
  /** Private CA certificate that signed the broker and client certificates. */
  caPem: string;
  /** An unrelated CA certificate (for "CA mismatch" negative tests). */
  otherCaPem: string;
  /** Broker key + certificate chain in one PEM file (for `ssl.keystore.type=PEM`). */
  brokerKeystorePem: string;
  /** Client certificate (CN=app-client) signed by the private CA. */
  clientCertPem: string;
  /** Client private key, unencrypted PKCS#8. */
  clientKeyPem: string;
  /** Client key + certificate in one PEM file (Java `ssl.keystore.location` with type PEM). */
  clientKeystorePem: string;
}

const DAYS = '7';

async function selfSignedCa(dir: string, name: string, cn: string): Promise<void> {
  await runChecked(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-sha256',
      '-days',
      DAYS,
      '-keyout',
      join(dir, `${name}.key`),
      '-out',
      join(dir, `${name}.pem`),
      '-subj',
      `/O=graft testbed/CN=${cn}`,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ],
    { cwd: dir },
  );
}

async function signedLeaf(dir: string, name: string, subject: string, extensions: string[]): Promise<void> {
  const ext = join(dir, `${name}.ext`);
  await writeFile(ext, `${extensions.join('\n')}\n`);
  await runChecked(
    'openssl',
    [
      'req',
      '-new',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-sha256',
      '-keyout',
      join(dir, `${name}.key`),
      '-out',
      join(dir, `${name}.csr`),
      '-subj',
      subject,
    ],
    { cwd: dir },
  );
  await runChecked(
    'openssl',
    [
      'x509',
      '-req',
      '-sha256',
      '-days',
      DAYS,
      '-in',
      join(dir, `${name}.csr`),
      '-CA',
      join(dir, 'ca.pem'),
      '-CAkey',
      join(dir, 'ca.key'),
      '-set_serial',
      `0x${Date.now().toString(16)}${Math.floor(Math.random() * 1e6).toString(16)}`,
      '-extfile',
      ext,
      '-out',
      join(dir, `${name}.pem`),
    ],
    { cwd: dir },
  );
}

async function concat(out: string, parts: string[]): Promise<void> {
  const texts = await Promise.all(parts.map((p) => readFile(p, 'utf8')));
  await writeFile(out, texts.map((t) => t.trim()).join('\n') + '\n', {
    mode: 0o600,
  });
}

const CLIENT_EXTENSIONS = [
  'basicConstraints=critical,CA:FALSE',
  'keyUsage=critical,digitalSignature,keyEncipherment',
  'extendedKeyUsage=clientAuth',
];

/** A client certificate issued by {@link issueClientCert}. */
export interface IssuedClientCert {
  certPem: string;
  /** Unencrypted PKCS#8. */
  keyPem: string;
}

/** Issues another client certificate (`CN=<cn>`, the principal `User:<cn>` on the test bed) from the private CA that {@link generateCerts} wrote into `dir`. */
export async function issueClientCert(dir: string, name: string, cn: string): Promise<IssuedClientCert> {
  if (!/^[\w.-]+$/.test(name) || !/^[\w.-]+$/.test(cn)) throw new Error(`certificate name and CN must be plain words: ${name}, ${cn}`);
  await signedLeaf(dir, name, `/CN=${cn}`, CLIENT_EXTENSIONS);
  return { certPem: join(dir, `${name}.pem`), keyPem: join(dir, `${name}.key`) };
}

/** Generates a private CA, a broker cert for localhost/127.0.0.1, a client cert CN=app-client and a second unrelated CA with the openssl CLI. */
export async function generateCerts(dir: string): Promise<TestbedCerts> {
  await mkdir(dir, { recursive: true });
  await selfSignedCa(dir, 'ca', 'graft-testbed-ca');
  await selfSignedCa(dir, 'other-ca', 'graft-testbed-other-ca');
  await signedLeaf(dir, 'broker', '/O=graft testbed/CN=localhost', [
    'basicConstraints=critical,CA:FALSE',
    'keyUsage=critical,digitalSignature,keyEncipherment',
    'extendedKeyUsage=serverAuth,clientAuth',
    'subjectAltName=DNS:localhost,IP:127.0.0.1',
  ]);
  await signedLeaf(dir, 'client', '/CN=app-client', CLIENT_EXTENSIONS);
  const certs: TestbedCerts = {
    caPem: join(dir, 'ca.pem'),
    otherCaPem: join(dir, 'other-ca.pem'),
    brokerKeystorePem: join(dir, 'broker-keystore.pem'),
    clientCertPem: join(dir, 'client.pem'),
    clientKeyPem: join(dir, 'client.key'),
    clientKeystorePem: join(dir, 'client-keystore.pem'),
  };
  await concat(certs.brokerKeystorePem, [join(dir, 'broker.key'), join(dir, 'broker.pem'), certs.caPem]);
  await concat(certs.clientKeystorePem, [certs.clientKeyPem, certs.clientCertPem, certs.caPem]);
  const key = await readFile(certs.clientKeyPem, 'utf8');
  if (!key.includes('-----BEGIN PRIVATE KEY-----')) {
    throw new Error(`openssl did not write an unencrypted PKCS#8 key to ${certs.clientKeyPem}`);
  }
  return certs;
}
