// Certificates for the peer scenarios, generated with the system openssl into a temp dir (protocol-probe.md s2).
// OpenSSL 3.0 `req -x509` has no -not_before/-not_after (3.4+), so the expired cert with exact dates is issued by
// `openssl ca -selfsign -startdate/-enddate` with a throw-away ca.cnf.
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileP = promisify(execFile);

export interface CertPair { cert: string; key: string }

export interface PeerCertificates {
  dir: string;
  /** Self-signed RSA-2048, 365 days, CN=localhost (neg-valid). */
  valid: CertPair;
  /** Self-signed RSA-2048, exactly 2020-01-01T00:00:00Z .. 2021-01-01T00:00:00Z (neg-expired). */
  expired: CertPair;
  /** Like the default cert Windows makes for RDP: CN=WIN-RDPHOST01, KU keyEncipherment+dataEncipherment, EKU
   *  serverAuth, no keyCertSign, so X509Certificate.checkIssued(self) is false (pitfall P5). */
  winlike: CertPair;
  /** Private RSA-3072 root "Probe Test Root CA". */
  ca: CertPair;
  /** EC P-256 leaf signed by `ca`; `chain` is leaf + CA in one PEM file, as xrdp's certificate= expects (tls-cachain). */
  caLeaf: CertPair & { chain: string };
  /** RSA-1024 / sha1WithRSA self-signed, for the TLS 1.0-only server (tls10-weak, pitfall P6). */
  weak: CertPair;
  /** A certificate and a key that do not belong together: valid.crt + expired.key (neg-badkey). */
  mismatched: CertPair;
}

export const EXPIRED_NOT_BEFORE = '2020-01-01T00:00:00.000Z';
export const EXPIRED_NOT_AFTER = '2021-01-01T00:00:00.000Z';
export const CA_SUBJECT_CN = 'Probe Test Root CA';
export const WINLIKE_CN = 'WIN-RDPHOST01';

async function openssl(cwd: string, args: string[]): Promise<void> {
  try {
    await execFileP('openssl', args, { cwd });
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(`openssl ${args[0]} failed in ${cwd}: ${(err.stderr || err.message).trim()}`);
  }
}

/** Minimal `openssl ca` setup: its own database, so nothing outside `dir` is read or written. */
function caConfig(dir: string): string {
  return [
    '[ca]', 'default_ca = probe_ca',
    '[probe_ca]',
    `dir = ${dir}`,
    'database = $dir/index.txt', 'new_certs_dir = $dir/newcerts', 'serial = $dir/serial',
    'default_md = sha256', 'policy = policy_any', 'unique_subject = no', 'email_in_dn = no', 'copy_extensions = none',
    '[policy_any]', 'commonName = supplied', 'organizationName = optional',
    '[v3_leaf]',
    'basicConstraints = CA:false', 'keyUsage = digitalSignature, keyEncipherment', 'extendedKeyUsage = serverAuth',
    'subjectKeyIdentifier = hash',
    '',
  ].join('\n');
}

async function selfSigned(dir: string, name: string, args: string[]): Promise<CertPair> {
  const pair = { cert: path.join(dir, `${name}.crt`), key: path.join(dir, `${name}.key`) };
  await openssl(dir, ['req', '-x509', '-nodes', '-keyout', pair.key, '-out', pair.cert, ...args]);
  return pair;
}

async function makeExpired(dir: string): Promise<CertPair> {
  const caDir = path.join(dir, 'expired-ca');
  await fs.mkdir(path.join(caDir, 'newcerts'), { recursive: true });
  await fs.writeFile(path.join(caDir, 'index.txt'), '');
  await fs.writeFile(path.join(caDir, 'serial'), '1000\n');
  await fs.writeFile(path.join(caDir, 'ca.cnf'), caConfig(caDir));
  const pair = { cert: path.join(dir, 'expired.crt'), key: path.join(dir, 'expired.key') };
  const csr = path.join(caDir, 'expired.csr');
  await openssl(dir, ['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', pair.key, '-out', csr,
    '-subj', '/CN=xrdp-expired.test/O=ProbeLab']);
  await openssl(dir, ['ca', '-batch', '-config', path.join(caDir, 'ca.cnf'), '-selfsign', '-keyfile', pair.key,
    '-in', csr, '-out', pair.cert, '-startdate', '20200101000000Z', '-enddate', '20210101000000Z',
    '-extensions', 'v3_leaf', '-notext']);
  return pair;
}

async function makeCaChain(dir: string): Promise<{ ca: CertPair; leaf: CertPair & { chain: string } }> {
  const ca = await selfSigned(dir, 'ca', ['-newkey', 'rsa:3072', '-days', '3650', '-subj', `/CN=${CA_SUBJECT_CN}/O=ProbeLab`,
    '-addext', 'basicConstraints=critical,CA:true', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  const leaf = { cert: path.join(dir, 'caleaf.crt'), key: path.join(dir, 'caleaf.key'), chain: path.join(dir, 'caleaf-chain.pem') };
  const csr = path.join(dir, 'caleaf.csr');
  const ext = path.join(dir, 'caleaf.ext');
  await fs.writeFile(ext, 'basicConstraints=CA:false\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:localhost,IP:127.0.0.1\n');
  await openssl(dir, ['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', leaf.key, '-out', csr, '-subj', '/CN=localhost/O=ProbeLab']);
  await openssl(dir, ['x509', '-req', '-in', csr, '-CA', ca.cert, '-CAkey', ca.key, '-CAcreateserial',
    '-days', '365', '-sha256', '-extfile', ext, '-out', leaf.cert]);
  await fs.writeFile(leaf.chain, (await fs.readFile(leaf.cert, 'utf8')) + (await fs.readFile(ca.cert, 'utf8')));
  return { ca, leaf };
}

/** Generates every certificate in parallel (RSA key generation dominates: ~1 s on 2 cores). */
export async function generateCertificates(dir: string): Promise<PeerCertificates> {
  await fs.mkdir(dir, { recursive: true });
  const [valid, expired, winlike, chain, weak] = await Promise.all([
    selfSigned(dir, 'valid', ['-newkey', 'rsa:2048', '-days', '365', '-sha256', '-subj', '/CN=localhost/O=ProbeLab',
      '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1']),
    makeExpired(dir),
    selfSigned(dir, 'winlike', ['-newkey', 'rsa:2048', '-days', '180', '-sha256', '-subj', `/CN=${WINLIKE_CN}`,
      '-addext', 'keyUsage=keyEncipherment,dataEncipherment', '-addext', 'extendedKeyUsage=serverAuth',
      '-addext', 'basicConstraints=CA:false']),
    makeCaChain(dir),
    selfSigned(dir, 'weak', ['-newkey', 'rsa:1024', '-days', '365', '-sha1', '-subj', '/CN=tls10-weak.test/O=ProbeLab']),
  ]);
  return { dir, valid, expired, winlike, ca: chain.ca, caLeaf: chain.leaf, weak, mismatched: { cert: valid.cert, key: expired.key } };
}
