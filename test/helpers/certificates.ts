/**
 * Signing keys made for a test: an RSA key and a self-signed X.509 certificate from the openssl command
 * (Node makes keys but not certificates), in a temporary folder removed at once.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SigningKey } from '../../src/subgraphs/documents/edxml/signature';

export interface TestSigningKey extends SigningKey {
  privateKey: string;
  certificate: string;
  /** As X509Certificate.subject reads it, one line: "CN=…, O=…, C=VN". */
  subject: string;
}

/** A key and its certificate for `commonName`, valid from now for `days` days. */
export function makeSigningKey(commonName: string, days = 2): TestSigningKey {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-cert-'));
  try {
    const keyFile = path.join(dir, 'key.pem');
    const certFile = path.join(dir, 'cert.pem');
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-utf8', '-days', String(days),
      '-subj', `/CN=${commonName}/O=Liên Thông test/C=VN`, '-keyout', keyFile, '-out', certFile,
    ], { stdio: 'ignore' });
    return {
      privateKey: fs.readFileSync(keyFile, 'utf8'),
      certificate: fs.readFileSync(certFile, 'utf8'),
      subject: `CN=${commonName}, O=Liên Thông test, C=VN`,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
