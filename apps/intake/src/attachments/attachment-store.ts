import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import {
  mkdir,
  open,
  readdir,
  rename,
  rm,
  stat,
  writeFile,
  type FileHandle,
} from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pipeline, Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import type { PersonalDataCipher } from '#common';

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

const MAGIC = Buffer.from('XFA1');
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * The bytes of attachments on disk, one file per attachment id under `root/<2 hex>/<id>`, sealed
 * with the personal-data key (AES-256-GCM; ID-card scans are personal data): `XFA1`, the key id's
 * length and the key id (so rotation works), the IV, the ciphertext, the tag. Only asynchronous
 * fs calls, so a slow disk never blocks the event loop that serves requests. A file is written to
 * a temporary name, flushed, then renamed: a crash leaves at most a stray `.tmp` file, never a
 * half file under a key (and sweep() removes both kinds of leftovers).
 */
export class AttachmentStore {
  readonly root: string;

  constructor(
    root: string,
    private readonly cipher: PersonalDataCipher,
  ) {
    this.root = resolve(root);
  }

  /** Encrypts and writes a stream chunk by chunk; sizeBytes and sha256 are of the plaintext. */
  async write(id: string, content: Uint8Array | Readable): Promise<StoredFile> {
    if (!ID.test(id)) throw new Error('attachment id must be lowercase hex and dashes');
    const storageKey = `${id.slice(0, 2)}/${id}`;
    const target = this.pathOf(storageKey);
    const directory = join(this.root, id.slice(0, 2));
    // Attachments hold personal data: readable by the service's own user only.
    await mkdir(directory, { recursive: true, mode: 0o700 });
    const temporary = `${target}.${randomUUID()}.tmp`;
    const hash = createHash('sha256');
    const { keyId, iv, cipher } = this.cipher.sealStream(`attachment:${id}`);
    const keyIdBytes = Buffer.from(keyId);
    let sizeBytes = 0;
    async function* sealed(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>) {
      yield Buffer.concat([MAGIC, Buffer.from([keyIdBytes.length]), keyIdBytes, iv]);
      for await (const chunk of source) {
        hash.update(chunk);
        sizeBytes += chunk.length;
        yield cipher.update(chunk);
      }
      yield cipher.final();
      yield cipher.getAuthTag();
    }
    try {
      const handle = await open(temporary, 'wx', 0o600);
      try {
        await writeFile(handle, sealed(content instanceof Uint8Array ? [content] : content));
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

  /**
   * Opens a stored file for reading its plaintext; rejects (ENOENT) before any byte is sent when
   * it is missing. A changed byte makes the stream fail at its end (GCM checks the tag there).
   */
  async open(storageKey: string): Promise<OpenedFile> {
    const handle = await open(this.pathOf(storageKey), 'r');
    try {
      const { size } = await handle.stat();
      const head = Buffer.alloc(Math.min(size, MAGIC.length + 1 + 255 + IV_BYTES));
      await handle.read(head, 0, head.length, 0);
      const keyIdLength = head[MAGIC.length] ?? 0;
      const ivStart = MAGIC.length + 1 + keyIdLength;
      const dataStart = ivStart + IV_BYTES;
      if (!head.subarray(0, MAGIC.length).equals(MAGIC) || size < dataStart + TAG_BYTES) {
        throw new Error('not a sealed attachment file');
      }
      const tag = Buffer.alloc(TAG_BYTES);
      await handle.read(tag, 0, TAG_BYTES, size - TAG_BYTES);
      const id = storageKey.slice(3);
      const decipher = this.cipher.openStream(
        `attachment:${id}`,
        head.subarray(MAGIC.length + 1, ivStart).toString(),
        head.subarray(ivStart, dataStart),
        tag,
      );
      const sizeBytes = size - dataStart - TAG_BYTES;
      const source =
        sizeBytes === 0
          ? Readable.from([])
          : handle.createReadStream({ start: dataStart, end: size - TAG_BYTES - 1 });
      if (sizeBytes === 0) await handle.close();
      const stream = pipeline(source, decipher, () => undefined);
      return { stream, sizeBytes };
    } catch (error) {
      await handle.close().catch(() => undefined);
      throw error;
    }
  }

  async read(storageKey: string): Promise<Buffer> {
    return buffer((await this.open(storageKey)).stream);
  }

  /**
   * Seals, in place, a file stored before attachments were encrypted (its plaintext); false when
   * it is sealed already. The sealed copy replaces it by rename, so a crash leaves one or the other.
   */
  async sealPlaintext(storageKey: string): Promise<boolean> {
    const path = this.pathOf(storageKey);
    const handle = await open(path, 'r');
    const head = Buffer.alloc(MAGIC.length);
    try {
      await handle.read(head, 0, MAGIC.length, 0);
    } finally {
      await handle.close();
    }
    if (head.equals(MAGIC)) return false;
    await this.write(storageKey.slice(3), createReadStream(path));
    return true;
  }

  /** The key of every stored file (temporary files left out). */
  async storageKeys(): Promise<string[]> {
    const keys: string[] = [];
    const directories = await readdir(this.root).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    });
    for (const directory of directories.filter((d) => /^[0-9a-f]{2}$/.test(d))) {
      for (const name of await readdir(join(this.root, directory))) {
        if (KEY.test(`${directory}/${name}`)) keys.push(`${directory}/${name}`);
      }
    }
    return keys;
  }

  /** Removes a stored file; a missing one is not an error. */
  async remove(storageKey: string): Promise<void> {
    await rm(this.pathOf(storageKey), { force: true });
  }

  /**
   * Removes what a crash left: temporary files, and files whose row never committed (`known`
   * says which ids have a row), when last written before `olderThan` (newer ones may be
   * uploads in progress). Returns how many were removed.
   */
  async sweep(known: (ids: string[]) => Promise<Set<string>>, olderThan: Date): Promise<number> {
    let directories: string[];
    try {
      directories = (await readdir(this.root)).filter((d) => /^[0-9a-f]{2}$/.test(d));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw error;
    }
    let removed = 0;
    for (const directory of directories) {
      const candidates: string[] = [];
      for (const name of await readdir(join(this.root, directory))) {
        const path = join(this.root, directory, name);
        const modified = await stat(path).then(
          (s) => s.mtime,
          () => undefined,
        );
        if (!modified || modified >= olderThan) continue;
        if (name.endsWith('.tmp')) {
          await rm(path, { force: true });
          removed += 1;
        } else if (KEY.test(`${directory}/${name}`)) {
          candidates.push(name);
        }
      }
      if (candidates.length === 0) continue;
      const present = await known(candidates);
      for (const id of candidates.filter((c) => !present.has(c))) {
        await this.remove(`${directory}/${id}`);
        removed += 1;
      }
    }
    return removed;
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
