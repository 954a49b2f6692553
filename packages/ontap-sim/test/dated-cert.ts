// A CA and a filer certificate it signed with chosen validity dates (not yet valid, expired), made
// with `openssl ca`, whose -startdate/-enddate OpenSSL 3.0 has (req -x509 has no start date).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface DatedCert {
  /** PEM key and certificate of the filer. */
  key: string;
  cert: string;
  /** PEM file of the CA that signed it (valid now), to pass as caFile. */
  caFile: string;
  remove(): void;
}

const CA_CONFIG = `[ca]
default_ca = opskit_test_ca
[opskit_test_ca]
database = db/index.txt
new_certs_dir = db
serial = db/serial
default_md = sha256
policy = any_name
unique_subject = no
x509_extensions = filer_cert
[any_name]
commonName = supplied
[filer_cert]
basicConstraints = CA:FALSE
subjectAltName = IP:127.0.0.1,DNS:localhost
`;

/** `notBefore` and `notAfter` in OpenSSL's YYYYMMDDHHMMSSZ form, e.g. 20991231000000Z. */
export function makeDatedCert(notBefore: string, notAfter: string): DatedCert {
  const dir = mkdtempSync(join(tmpdir(), 'opskit-dated-tls-'));
  const openssl = (...args: string[]) =>
    execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  try {
    mkdirSync(join(dir, 'db'));
    writeFileSync(join(dir, 'db', 'index.txt'), '');
    writeFileSync(join(dir, 'db', 'serial'), '01\n');
    writeFileSync(join(dir, 'ca.cnf'), CA_CONFIG);
    openssl(
      'req',
      '-x509',
      ...ec,
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
      '-days',
      '2',
      '-subj',
      '/CN=opskit test CA',
    );
    openssl('req', ...ec, '-keyout', 'filer.key', '-out', 'filer.csr', '-subj', '/CN=127.0.0.1');
    openssl(
      'ca',
      '-batch',
      '-config',
      'ca.cnf',
      '-cert',
      'ca.pem',
      '-keyfile',
      'ca.key',
      '-in',
      'filer.csr',
      '-out',
      'filer.pem',
      '-notext',
      '-startdate',
      notBefore,
      '-enddate',
      notAfter,
    );
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    const stderr = (err as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`openssl could not make the test certificates: ${stderr || (err as Error).message}`);
  }
  return {
    key: readFileSync(join(dir, 'filer.key'), 'utf8'),
    cert: readFileSync(join(dir, 'filer.pem'), 'utf8'),
    caFile: join(dir, 'ca.pem'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
