import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Attachment content, stored once per SHA-256 under the data dir. Blobs are written before the send's
 * transaction commits: a rollback leaves at most an unreferenced blob, never a row without its bytes.
 */
export class BlobStore {
  constructor(private readonly root: string) {}

  private pathOf(sha256: string): string {
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  /**
   * Stores the bytes (atomically: temp file then rename) and returns their hex SHA-256; a caller that
   * has just computed that digest of this very buffer passes it rather than hashing the bytes again.
   */
  async put(content: Buffer, sha256 = createHash('sha256').update(content).digest('hex')): Promise<string> {
    const target = this.pathOf(sha256);
    try {
      await fs.access(target);
      return sha256;
    } catch {
      // not stored yet
    }
    await fs.mkdir(path.dirname(target), { recursive: true });
    const temp = `${target}.${randomUUID()}.tmp`;
    await fs.writeFile(temp, content);
    await fs.rename(temp, target);
    return sha256;
  }

  get(sha256: string): Promise<Buffer> {
    return fs.readFile(this.pathOf(sha256));
  }
}
