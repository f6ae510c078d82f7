import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { crc32, deflateSync } from 'node:zlib';
import {
  login,
  OTHER_PETITIONER,
  request,
  samplePetition,
  type JsonResponse,
} from './support/http.js';
import { tinyPdf } from './support/fixtures.js';
import { withSystem } from './support/system.js';

type Receipt = { caseNo: string; queryCode: string };
interface AttachmentInfo {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy?: string;
}
interface ErrorBody {
  code: string;
  messages: { zh: string; en: string };
  errors?: { field: string; code: string; messages: { zh: string; en: string } }[];
}

const MiB = 1024 * 1024;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A real 1×1 PNG: signature, IHDR, one IDAT row, IEND. */
function tinyPng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  // width 1, height 1, bit depth 8, colour type 2 (RGB), no interlace
  const header = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
  const row = Buffer.from([0, 0xc8, 0x10, 0x2e]); // filter byte, one red pixel
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(row)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// Distinctive, so the logs can be searched for them.
const PNG_NAME = '身份证复印件-scan7f3a.png';
const TEXT_CONTENT = 'NOT-AN-IMAGE-7f3a: 李晓燕 510903198809010006';

describe('attachments of a petition', { timeout: 180_000 }, () => {
  const sut = withSystem({
    demo: true,
    prepare: (env) => {
      // The environment's own directory, removed with it.
      attachmentDir = env.env.ATTACHMENT_DIR;
    },
  });
  let attachmentDir: string;
  let handler: string;
  let receipt: Receipt;

  before(async () => {
    handler = await login(sut.system.routing.url, 'chuanshan.handler');
    receipt = await register();
  });

  async function register(overrides: Record<string, unknown> = {}): Promise<Receipt> {
    const response = await request<Receipt>('POST', `${sut.system.intake.url}/api/v1/petitions`, {
      token: handler,
      body: { ...samplePetition(overrides), channel: 'LETTER' },
    });
    assert.equal(response.status, 201);
    return response.body;
  }

  const staffUrl = (caseNo: string) =>
    `${sut.system.intake.url}/api/v1/petitions/${caseNo}/attachments`;
  const publicUrl = (caseNo: string, queryCode: string) =>
    `${sut.system.intake.url}/api/v1/public/petitions/${caseNo}/attachments?queryCode=${queryCode}`;

  /** Posts multipart/form-data as a browser does; `claimedType` is what the client says. */
  async function upload<T = AttachmentInfo>(
    url: string,
    file: { bytes: Uint8Array; name: string; claimedType?: string; field?: string } | null,
    token?: string,
  ): Promise<JsonResponse<T>> {
    const form = new FormData();
    form.append('note', 'scanned at the reception desk');
    if (file) {
      const blob = new Blob([file.bytes], { type: file.claimedType ?? 'application/octet-stream' });
      form.append(file.field ?? 'file', blob, file.name);
    }
    const response = await fetch(url, {
      method: 'POST',
      body: form,
      ...(token && { headers: { authorization: `Bearer ${token}` } }),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: (text ? JSON.parse(text) : {}) as T,
      headers: response.headers,
    };
  }

  const list = (caseNo: string, token: string) =>
    request<{ items: AttachmentInfo[] }>('GET', staffUrl(caseNo), { token });

  const download = async (caseNo: string, id: string, token: string) => {
    const response = await fetch(`${staffUrl(caseNo)}/${id}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return { response, bytes: Buffer.from(await response.arrayBuffer()) };
  };

  /** Every stored file, relative to the attachment directory. */
  const storedFiles = async () =>
    (await readdir(attachmentDir, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name));

  const fieldErrors = (body: ErrorBody) => body.errors?.map((e) => [e.field, e.code]);

  it('a handler attaches a PNG and a PDF, typed by their bytes, and downloads them unchanged', async () => {
    const png = tinyPng();
    const pdf = tinyPdf();
    const first = await upload(staffUrl(receipt.caseNo), { bytes: png, name: PNG_NAME }, handler);
    assert.equal(first.status, 201);
    assert.equal(first.body.contentType, 'image/png');
    assert.equal(first.body.fileName, PNG_NAME, 'a Chinese name arrives intact (UTF-8)');
    assert.equal(first.body.sizeBytes, png.length);
    assert.equal(first.body.sha256, sha256(png));
    assert.match(first.body.uploadedBy ?? '', /^staff:[0-9a-f-]{36}$/);

    // The client claims a PNG; the bytes are a PDF, and the name follows the bytes.
    const second = await upload(
      staffUrl(receipt.caseNo),
      { bytes: pdf, name: '来信原件.png', claimedType: 'image/png' },
      handler,
    );
    assert.equal(second.status, 201);
    assert.equal(second.body.contentType, 'application/pdf');
    assert.equal(second.body.fileName, '来信原件.pdf');

    const listed = await list(receipt.caseNo, handler);
    assert.equal(listed.status, 200);
    assert.deepEqual(
      listed.body.items.map((a) => [a.id, a.contentType, a.sizeBytes]),
      [
        [first.body.id, 'image/png', png.length],
        [second.body.id, 'application/pdf', pdf.length],
      ],
    );

    for (const [info, bytes] of [
      [first.body, png],
      [second.body, pdf],
    ] as const) {
      const { response, bytes: received } = await download(receipt.caseNo, info.id, handler);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), info.contentType);
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
      assert.match(response.headers.get('cache-control') ?? '', /no-store/);
      assert.match(response.headers.get('content-disposition') ?? '', /^attachment; filename="/);
      assert.ok(
        (response.headers.get('content-disposition') ?? '').includes(
          `filename*=UTF-8''${encodeURIComponent(info.fileName)}`,
        ),
      );
      assert.ok(received.equals(bytes), 'the bytes come back unchanged');
    }

    // On disk: one complete file per attachment, named by id, nothing half written.
    const files = await storedFiles();
    assert.equal(files.length, 2);
    assert.ok(files.every((f) => !f.endsWith('.tmp') && !f.includes('scan7f3a')));
    const rows = await sut.env.db.query<{ storage_key: string; sha256: string }>(
      'SELECT storage_key, sha256 FROM intake.attachment ORDER BY created_at',
    );
    // Sealed at rest: the file on disk is not the bytes received (their hash is in the row).
    for (const row of rows.rows) {
      const onDisk = await readFile(join(attachmentDir, row.storage_key));
      assert.notEqual(sha256(onDisk), row.sha256);
      assert.equal(
        onDisk.includes(png.subarray(8, 40)) || onDisk.includes(pdf.subarray(0, 16)),
        false,
      );
    }

    const view = await request<{ timeline: { type: string; data: Record<string, unknown> }[] }>(
      'GET',
      `${sut.system.intake.url}/api/v1/petitions/${receipt.caseNo}`,
      { token: handler },
    );
    const added = view.body.timeline.filter((t) => t.type === 'attachment.added');
    assert.equal(added.length, 2);
    assert.deepEqual(Object.keys(added[0]?.data ?? {}).sort(), [
      'attachmentId',
      'by',
      'contentType',
      'sizeBytes',
    ]);
  });

  it('refuses what is not a PDF, JPEG or PNG whatever it is called, and files over 10 MiB', async () => {
    const before = await list(receipt.caseNo, handler);
    const disguised = await upload<ErrorBody>(
      staffUrl(receipt.caseNo),
      { bytes: Buffer.from(TEXT_CONTENT), name: 'photo.png', claimedType: 'image/png' },
      handler,
    );
    assert.equal(disguised.status, 400);
    assert.deepEqual(fieldErrors(disguised.body), [['file', 'attachment_type']]);
    const reason = disguised.body.errors?.[0]?.messages;
    assert.ok(reason?.zh && reason.en, 'the reason in Chinese and English');

    const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1');
    const wrongType = await upload<ErrorBody>(
      staffUrl(receipt.caseNo),
      { bytes: gif, name: 'a.gif' },
      handler,
    );
    assert.deepEqual(fieldErrors(wrongType.body), [['file', 'attachment_type']]);

    // A PNG signature followed by 10 MiB: multer stops reading it, and it is a 413 naming the
    // field (never a 500), the part already stored removed.
    const oversized = Buffer.concat([tinyPng(), Buffer.alloc(10 * MiB)]);
    const tooLarge = await upload<ErrorBody>(
      staffUrl(receipt.caseNo),
      { bytes: oversized, name: 'huge.png' },
      handler,
    );
    assert.equal(tooLarge.status, 413);
    assert.deepEqual(fieldErrors(tooLarge.body), [['file', 'attachment_too_large']]);

    const missing = await upload<ErrorBody>(staffUrl(receipt.caseNo), null, handler);
    assert.equal(missing.status, 400);
    assert.deepEqual(fieldErrors(missing.body), [['file', 'attachment_missing']]);
    const empty = await upload<ErrorBody>(
      staffUrl(receipt.caseNo),
      { bytes: new Uint8Array(0), name: 'empty.pdf' },
      handler,
    );
    assert.deepEqual(fieldErrors(empty.body), [['file', 'attachment_missing']]);
    const json = await request<ErrorBody>('POST', staffUrl(receipt.caseNo), {
      token: handler,
      body: { file: 'not a file' },
    });
    assert.deepEqual(fieldErrors(json.body), [['file', 'attachment_missing']]);
    const otherField = await upload<ErrorBody>(
      staffUrl(receipt.caseNo),
      { bytes: tinyPng(), name: 'a.png', field: 'document' },
      handler,
    );
    assert.equal(otherField.status, 400, 'a file in another field is a 400, not a 500');

    const afterwards = await list(receipt.caseNo, handler);
    assert.equal(afterwards.body.items.length, before.body.items.length, 'nothing was added');
    assert.equal((await storedFiles()).length, before.body.items.length, 'nothing was stored');
  });

  it('only staff who can see the case reach its attachments; uploading needs registrar or handler', async () => {
    const [{ id }] = (await list(receipt.caseNo, handler)).body.items as [AttachmentInfo];
    const elsewhere = await login(sut.system.routing.url, 'shehong.handler');
    const png = { bytes: tinyPng(), name: 'x.png' };
    const hidden = await upload<ErrorBody>(staffUrl(receipt.caseNo), png, elsewhere);
    assert.equal(hidden.status, 404);
    assert.equal(hidden.body.messages.en, 'Case not found');
    assert.equal((await list(receipt.caseNo, elsewhere)).status, 404);
    assert.equal((await download(receipt.caseNo, id, elsewhere)).response.status, 404);

    const leader = await login(sut.system.routing.url, 'chuanshan.leader');
    assert.equal((await upload(staffUrl(receipt.caseNo), png, leader)).status, 403);
    assert.equal((await list(receipt.caseNo, leader)).status, 200, 'the leader may read them');
    assert.equal((await upload(staffUrl(receipt.caseNo), png)).status, 401);
    assert.equal((await list(receipt.caseNo, '')).status, 401);

    const unknownId = await download(
      receipt.caseNo,
      '00000000-0000-4000-8000-000000000000',
      handler,
    );
    assert.equal(unknownId.response.status, 404);
    assert.equal((await download(receipt.caseNo, 'not-a-uuid', handler)).response.status, 400);
    // An attachment is found only under its own case.
    const other = await register({ title: '小区噪音扰民', petitioners: [OTHER_PETITIONER] });
    assert.equal((await download(other.caseNo, id, handler)).response.status, 404);
  });

  it('the petitioner attaches a file with the query code; a wrong code is a 404 like an unknown case', async () => {
    const pdf = tinyPdf();
    const own = await upload(publicUrl(receipt.caseNo, receipt.queryCode), {
      bytes: pdf,
      name: '补充材料.pdf',
    });
    assert.equal(own.status, 201);
    assert.equal(own.body.contentType, 'application/pdf');
    assert.equal(own.body.uploadedBy, undefined, 'the public answer tells nothing about staff');

    const wrongCode = await upload<ErrorBody>(publicUrl(receipt.caseNo, 'ZZZZZZZZZZ'), {
      bytes: pdf,
      name: 'x.pdf',
    });
    const unknownCase = await upload<ErrorBody>(
      publicUrl(receipt.caseNo.replace(/\d{6}$/, '999999'), receipt.queryCode),
      { bytes: pdf, name: 'x.pdf' },
    );
    assert.equal(wrongCode.status, 404);
    assert.deepEqual(wrongCode.body, unknownCase.body);

    const disguised = await upload<ErrorBody>(publicUrl(receipt.caseNo, receipt.queryCode), {
      bytes: Buffer.from(TEXT_CONTENT),
      name: 'photo.png',
      claimedType: 'image/png',
    });
    assert.deepEqual(fieldErrors(disguised.body), [['file', 'attachment_type']]);

    const listed = await list(receipt.caseNo, handler);
    const mine = listed.body.items.find((a) => a.id === own.body.id);
    assert.equal(mine?.uploadedBy, 'petitioner');
    const tracking = await request<{ timeline: { type: string }[] }>(
      'GET',
      `${sut.system.intake.url}/api/v1/public/petitions/${receipt.caseNo}?queryCode=${receipt.queryCode}`,
    );
    assert.ok(tracking.body.timeline.some((t) => t.type === 'attachment.added'));
  });

  it('keeps at most 10 attachments per petition, even when they arrive at once', async () => {
    const other = await register({ title: '道路积水无人处理', petitioners: [OTHER_PETITIONER] });
    const results = await Promise.all(
      Array.from({ length: 13 }, (_, i) =>
        upload<ErrorBody>(staffUrl(other.caseNo), { bytes: tinyPng(), name: `p${i}.png` }, handler),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    assert.deepEqual(statuses, [...Array<number>(10).fill(201), 400, 400, 400]);
    for (const r of results.filter((r) => r.status === 400)) {
      assert.deepEqual(fieldErrors(r.body), [['file', 'attachment_limit']]);
    }
    assert.equal((await list(other.caseNo, handler)).body.items.length, 10);
    const rows = await sut.env.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM intake.attachment',
    );
    assert.equal((await storedFiles()).length, rows.rows[0]?.n, 'no file without its row');
  });

  it('keeps file names and contents out of the logs', () => {
    for (const service of Object.values(sut.system)) {
      assert.ok(!service.output.includes('scan7f3a'), `${service.name} logged a file name`);
      assert.ok(!service.output.includes('NOT-AN-IMAGE'), `${service.name} logged file content`);
      assert.ok(!service.output.includes('补充材料'), `${service.name} logged a file name`);
    }
  });
});
