import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, rename, rm, writeFile, type FileHandle } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';

/** Where a file was put, and what was written. */
export interface StoredFile {
  storageKey: string;
  sizeBytes: number;
  sha256: string;
}

/** A stored file opened for reading. */
export interface OpenedFile {
  stream: Readable;
  sizeBytes: number;
}

// Keys are made here from ids, so a key from the database can never point outside the root.
const ID = /^[0-9a-f][0-9a-f-]{7,63}$/;
const KEY = /^[0-9a-f]{2}\/[0-9a-f][0-9a-f-]{7,63}$/;

/**
 * The bytes of attachments on disk, one file per attachment id under `root/<2 hex>/<id>`.
 * Only asynchronous fs calls, so a slow disk never blocks the event loop that serves requests.
 * A file is written to a temporary name, flushed, then renamed: a crash leaves at most a stray
 * `.tmp` file, never a half file under a key.
 */
export class AttachmentStore {
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  async write(id: string, content: Uint8Array | Readable): Promise<StoredFile> {
    if (!ID.test(id)) throw new Error('attachment id must be lowercase hex and dashes');
    const storageKey = `${id.slice(0, 2)}/${id}`;
    const target = this.pathOf(storageKey);
    const directory = join(this.root, id.slice(0, 2));
    // Attachments hold personal data: readable by the service's own user only.
    await mkdir(directory, { recursive: true, mode: 0o700 });
    const temporary = `${target}.${randomUUID()}.tmp`;
    const hash = createHash('sha256');
    let sizeBytes = 0;
    async function* counted(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>) {
      for await (const chunk of source) {
        hash.update(chunk);
        sizeBytes += chunk.length;
        yield chunk;
      }
    }
    try {
      const handle = await open(temporary, 'wx', 0o600);
      try {
        await writeFile(handle, counted(content instanceof Uint8Array ? [content] : content));
        await handle.datasync();
      } finally {
        await handle.close();
      }
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    await syncDirectory(directory);
    return { storageKey, sizeBytes, sha256: hash.digest('hex') };
  }

  /** Opens a stored file; rejects (ENOENT) before any byte is sent when it is missing. */
  async open(storageKey: string): Promise<OpenedFile> {
    const handle = await open(this.pathOf(storageKey), 'r');
    try {
      const { size } = await handle.stat();
      return { stream: handle.createReadStream(), sizeBytes: size };
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  async read(storageKey: string): Promise<Buffer> {
    const handle = await open(this.pathOf(storageKey), 'r');
    try {
      return await handle.readFile();
    } finally {
      await handle.close();
    }
  }

  /** Removes a stored file; a missing one is not an error. */
  async remove(storageKey: string): Promise<void> {
    await rm(this.pathOf(storageKey), { force: true });
  }

  private pathOf(storageKey: string): string {
    if (!KEY.test(storageKey)) throw new Error('malformed attachment storage key');
    return join(this.root, storageKey);
  }
}

/** Makes the rename itself durable; some platforms cannot sync a directory, which is fine. */
async function syncDirectory(directory: string) {
  let handle: FileHandle | undefined;
  try {
    handle = await open(directory, 'r');
    await handle.sync();
  } catch {
    // EISDIR/EPERM on platforms without directory fsync: the data itself is already flushed.
  } finally {
    await handle?.close();
  }
}
