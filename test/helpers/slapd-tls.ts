import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

export interface TestPki {
  caPath: string;
  certPath: string;
  keyPath: string;
  caCertPem: string;
  /** A second CA that signed nothing here: trusting only it must fail verification. */
  otherCaPem: string;
}

// EC P-256 keys: generated in milliseconds, unlike RSA, so a run's PKI costs almost nothing.
const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

async function makeCa(dir: string, name: string, cn: string): Promise<{ certPath: string; keyPath: string }> {
  const certPath = join(dir, `${name}.pem`);
  const keyPath = join(dir, `${name}.key`);
  // prettier-ignore
  await exec('openssl', [
    'req', '-x509', ...EC, '-keyout', keyPath, '-out', certPath, '-days', '3', '-subj', `/CN=${cn}`,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  return { certPath, keyPath };
}

/**
 * A CA made for this run, a server certificate it signed (CN=localhost, SAN DNS:localhost and
 * IP:127.0.0.1), and an unrelated second CA. A real chain rather than a self-signed leaf, so a
 * client that trusts the CA (as an administrator pastes it) is tested the way it is used.
 */
export async function makeTestPki(dir: string): Promise<TestPki> {
  const [ca, other] = await Promise.all([
    makeCa(dir, 'ca', 'Pishkhan test CA'),
    makeCa(dir, 'other-ca', 'Pishkhan other CA'),
  ]);
  const keyPath = join(dir, 'server.key');
  const csrPath = join(dir, 'server.csr');
  const certPath = join(dir, 'server.pem');
  const extPath = join(dir, 'server-ext.cnf');
  await exec('openssl', ['req', '-new', ...EC, '-keyout', keyPath, '-out', csrPath, '-subj', '/CN=localhost']);
  await writeFile(
    extPath,
    [
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature',
      'extendedKeyUsage=serverAuth',
      '',
    ].join('\n'),
  );
  // prettier-ignore
  await exec('openssl', [
    'x509', '-req', '-in', csrPath, '-CA', ca.certPath, '-CAkey', ca.keyPath, '-set_serial', '2',
    '-days', '3', '-out', certPath, '-extfile', extPath,
  ]);
  const [caCertPem, otherCaPem] = await Promise.all([readFile(ca.certPath, 'utf8'), readFile(other.certPath, 'utf8')]);
  return { caPath: ca.certPath, certPath, keyPath, caCertPem, otherCaPem };
}
