/** The hex SHA-256 of text or bytes: attachment fingerprints, content addresses and the audit chain's hashes. */
import { createHash } from 'node:crypto';

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
