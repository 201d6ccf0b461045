import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

async function syncFolder(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Attachment content, stored once per SHA-256 under the data dir. Blobs are written before the send's
 * transaction commits: a rollback leaves at most an unreferenced blob, never a row without its bytes.
 * They are on disk (fsync of the file and its folder) before put returns, so a power loss after the
 * commit cannot leave a row without its bytes either (the database commits with synchronous=FULL).
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
    const folder = path.dirname(target);
    const created = await fs.mkdir(folder, { recursive: true });
    const temp = `${target}.${randomUUID()}.tmp`;
    const file = await fs.open(temp, 'w');
    try {
      await file.writeFile(content);
      await file.sync();
    } finally {
      await file.close();
    }
    await fs.rename(temp, target);
    // The rename, and the folders made for it (root/ab/cd/), must reach the disk before a row naming the blob commits.
    for (const dir of created === undefined ? [folder] : [folder, path.dirname(folder), this.root]) await syncFolder(dir);
    return sha256;
  }

  get(sha256: string): Promise<Buffer> {
    return fs.readFile(this.pathOf(sha256));
  }
}
