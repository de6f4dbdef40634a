/**
 * Where attachment bytes live. Content-addressed (SHA-256), so storing the same photo twice — a
 * channel's retry — writes one file. A local folder by default; an object store can implement the same.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface StoredObject {
  storageKey: string;
  sha256: string;
  size: number;
}

export interface AttachmentStore {
  put(bytes: Buffer): Promise<StoredObject>;
  get(storageKey: string): Promise<Buffer>;
}

export class LocalAttachmentStore implements AttachmentStore {
  constructor(private readonly dir: string) {}

  public async put(bytes: Buffer): Promise<StoredObject> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const storageKey = `${sha256.slice(0, 2)}/${sha256}`;
    const file = this.file(storageKey);
    const exists = await stat(file).then(
      () => true,
      () => false,
    );
    if (!exists) {
      await mkdir(path.dirname(file), { recursive: true });
      // Write then rename: a reader never sees half a file.
      const temporary = `${file}.${randomUUID()}.tmp`;
      await writeFile(temporary, bytes);
      await rename(temporary, file);
    }
    return { storageKey, sha256, size: bytes.length };
  }

  public get(storageKey: string): Promise<Buffer> {
    return readFile(this.file(storageKey));
  }

  private file(storageKey: string): string {
    if (!/^[0-9a-f]{2}\/[0-9a-f]{64}$/.test(storageKey)) throw new Error(`invalid storage key ${storageKey}`);
    return path.join(this.dir, storageKey);
  }
}
