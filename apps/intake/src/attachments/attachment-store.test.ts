import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { after, before, describe, it } from 'node:test';
import { PersonalDataCipher } from '#common';
import { AttachmentStore } from './attachment-store.js';
import { attachmentFileName, contentDisposition } from './attachments.service.js';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Every file under a directory, relative to it. */
async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(root.length + 1))
    .sort();
}

const keySetting = PersonalDataCipher.newKeySetting('k1');
const cipher = PersonalDataCipher.fromSettings(keySetting, 'x'.repeat(32));

describe('AttachmentStore', () => {
  let root: string;
  let store: AttachmentStore;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'xinfang-attachment-store-'));
    // A root that does not exist yet: the store creates what it needs.
    store = new AttachmentStore(join(root, 'attachments'), cipher);
  });

  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('writes bytes under a key made from the id and reads them back', async () => {
    const id = randomUUID();
    const bytes = Buffer.from('%PDF-1.4\n%%EOF\n');
    const stored = await store.write(id, bytes);
    assert.deepEqual(stored, {
      storageKey: `${id.slice(0, 2)}/${id}`,
      sizeBytes: bytes.length,
      sha256: sha256(bytes),
    });
    assert.deepEqual(await store.read(stored.storageKey), bytes);
    const file = await stat(join(store.root, stored.storageKey));
    assert.equal(file.mode & 0o777, 0o600, 'personal data: readable by the service only');
  });

  it('seals the file on disk: no plaintext, the key id recorded, and only that file opens it', async () => {
    const id = randomUUID();
    const bytes = Buffer.from('%PDF-1.4 身份证 510903198809010006 李晓燕\n%%EOF\n');
    const stored = await store.write(id, bytes);
    const onDisk = await readFile(join(store.root, stored.storageKey));
    assert.equal(onDisk.includes(Buffer.from('510903198809010006')), false);
    assert.equal(onDisk.includes(Buffer.from('%PDF')), false);
    assert.equal(onDisk.subarray(0, 6).toString(), 'XFA1\u0002k');
    // After a rotation the new key seals, the old one still opens.
    const rotated = new AttachmentStore(
      store.root,
      PersonalDataCipher.fromSettings(
        `${PersonalDataCipher.newKeySetting('k2')},${keySetting}`,
        'x'.repeat(32),
      ),
    );
    assert.deepEqual(await rotated.read(stored.storageKey), bytes);
    // A file copied under another id, or changed, does not open.
    const other = randomUUID();
    await mkdir(join(store.root, other.slice(0, 2)), { recursive: true });
    await writeFile(join(store.root, other.slice(0, 2), other), onDisk);
    await assert.rejects(store.read(`${other.slice(0, 2)}/${other}`));
    onDisk[onDisk.length - 20] = (onDisk[onDisk.length - 20] ?? 0) ^ 1;
    await writeFile(join(store.root, stored.storageKey), onDisk);
    await assert.rejects(store.read(stored.storageKey));
  });

  it('seals in place a file stored in plaintext before encryption, once', async () => {
    const id = randomUUID();
    const bytes = Buffer.from('%PDF-1.4 510903198809010006\n%%EOF\n');
    const storageKey = `${id.slice(0, 2)}/${id}`;
    await mkdir(join(store.root, id.slice(0, 2)), { recursive: true });
    await writeFile(join(store.root, storageKey), bytes);
    assert.ok((await store.storageKeys()).includes(storageKey));
    assert.equal(await store.sealPlaintext(storageKey), true);
    assert.equal(await store.sealPlaintext(storageKey), false);
    const onDisk = await readFile(join(store.root, storageKey));
    assert.equal(onDisk.includes(Buffer.from('510903198809010006')), false);
    assert.deepEqual(await store.read(storageKey), bytes);
  });

  it('sweeps old files without a row and old temporary files, and nothing else', async () => {
    const sweepRoot = await mkdtemp(join(tmpdir(), 'xinfang-attachment-sweep-'));
    const swept = new AttachmentStore(sweepRoot, cipher);
    const [kept, orphan, fresh] = [randomUUID(), randomUUID(), randomUUID()];
    for (const id of [kept, orphan, fresh]) await swept.write(id, Buffer.from(id));
    const temporary = join(sweepRoot, orphan.slice(0, 2), `${orphan}.abc.tmp`);
    await writeFile(temporary, 'partial');
    const hourAgo = new Date(Date.now() - 3_600_000);
    for (const path of [kept, orphan].map((id) => join(sweepRoot, id.slice(0, 2), id))) {
      await utimes(path, hourAgo, hourAgo);
    }
    await utimes(temporary, hourAgo, hourAgo);
    const removed = await swept.sweep(
      (ids) => Promise.resolve(new Set(ids.filter((id) => id === kept))),
      new Date(Date.now() - 60_000),
    );
    assert.equal(removed, 2);
    assert.deepEqual(
      await filesUnder(sweepRoot),
      [kept, fresh].map((id) => `${id.slice(0, 2)}/${id}`).sort(),
    );
    await rm(sweepRoot, { recursive: true, force: true });
  });

  it('writes a stream chunk by chunk, counting and hashing what passed', async () => {
    const id = randomUUID();
    const chunks = Array.from({ length: 50 }, (_, i) => Buffer.alloc(64 * 1024, i));
    const stored = await store.write(id, Readable.from(chunks));
    const whole = Buffer.concat(chunks);
    assert.equal(stored.sizeBytes, whole.length);
    assert.equal(stored.sha256, sha256(whole));
    const opened = await store.open(stored.storageKey);
    assert.equal(opened.sizeBytes, whole.length);
    assert.ok((await buffer(opened.stream)).equals(whole));
  });

  it('leaves neither a file under the key nor a temporary file when the source fails', async () => {
    const id = randomUUID();
    const before = await filesUnder(store.root);
    async function* failing() {
      yield Buffer.alloc(100_000, 1);
      await Promise.resolve();
      throw new Error('connection reset');
    }
    await assert.rejects(store.write(id, Readable.from(failing())), /connection reset/);
    assert.deepEqual(await filesUnder(store.root), before);
    await assert.rejects(store.open(`${id.slice(0, 2)}/${id}`), { code: 'ENOENT' });
  });

  it('keeps concurrent writes to one directory apart', async () => {
    const prefix = randomUUID().slice(0, 2);
    const ids = Array.from({ length: 20 }, () => `${prefix}${randomUUID().slice(2)}`);
    const stored = await Promise.all(
      ids.map((id, i) => store.write(id, Buffer.from(`attachment ${i}`))),
    );
    for (const [i, s] of stored.entries()) {
      assert.equal((await store.read(s.storageKey)).toString(), `attachment ${i}`);
    }
    const names = await readdir(join(store.root, prefix));
    assert.ok(
      names.every((n) => !n.endsWith('.tmp')),
      'no temporary file is left behind',
    );
  });

  it('removes a file, and removing it again is no error', async () => {
    const { storageKey } = await store.write(randomUUID(), Buffer.from('x'));
    await store.remove(storageKey);
    await store.remove(storageKey);
    await assert.rejects(store.open(storageKey), { code: 'ENOENT' });
  });

  it('refuses ids and keys that could reach outside its root', async () => {
    await assert.rejects(store.write('../../etc/passwd', Buffer.from('x')), /attachment id/);
    await assert.rejects(store.write('ab/cd', Buffer.from('x')), /attachment id/);
    await assert.rejects(store.open('../secret'), /storage key/);
    await assert.rejects(store.open('ab/../../secret'), /storage key/);
    await assert.rejects(store.remove('/etc/passwd'), /storage key/);
  });
});

describe('names kept for attachments', () => {
  it('keeps a readable name, its extension matching the detected type', () => {
    assert.equal(attachmentFileName('身份证复印件.PNG', 'image/png'), '身份证复印件.png');
    assert.equal(attachmentFileName('合同.pdf', 'application/pdf'), '合同.pdf');
    assert.equal(attachmentFileName('photo.jpeg', 'image/jpeg'), 'photo.jpeg');
    assert.equal(attachmentFileName('scan.png', 'application/pdf'), 'scan.pdf');
    assert.equal(attachmentFileName('no extension', 'image/jpeg'), 'no extension.jpg');
  });

  it('drops paths, control and bidi characters and unsafe characters', () => {
    assert.equal(attachmentFileName('C:\\Users\\li\\..\\信访.pdf', 'application/pdf'), '信访.pdf');
    assert.equal(attachmentFileName('../../etc/passwd', 'image/png'), 'passwd.png');
    assert.equal(attachmentFileName('invoice\u202Egpj.exe', 'image/jpeg'), 'invoicegpj.jpg');
    assert.equal(attachmentFileName('a\u0000b\r\n<c>|d?.png', 'image/png'), 'ab_c__d_.png');
    assert.equal(attachmentFileName('...', 'image/png'), 'attachment.png');
    assert.equal(attachmentFileName('', 'application/pdf'), 'attachment.pdf');
  });

  it('shortens long names between characters', () => {
    const name = attachmentFileName(`${'信'.repeat(300)}.pdf`, 'application/pdf');
    assert.equal(name, `${'信'.repeat(200)}.pdf`);
    const emoji = attachmentFileName(`${'👨‍👩‍👧'.repeat(100)}.png`, 'image/png');
    assert.ok(emoji.length <= 205);
    assert.ok(emoji.startsWith('👨‍👩‍👧') && emoji.endsWith('👨‍👩‍👧.png'));
  });

  it('downloads under the exact name, with an ASCII fallback', () => {
    assert.equal(
      contentDisposition('合同 (1).pdf'),
      `attachment; filename="__ (1).pdf"; filename*=UTF-8''%E5%90%88%E5%90%8C%20%281%29.pdf`,
    );
  });
});
