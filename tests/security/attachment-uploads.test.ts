import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { mkdir, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTestEnvironment, type TestEnvironment } from '../support/environment.js';
import { eventually } from '../support/eventually.js';
import { request, samplePetition } from '../support/http.js';
import { freePort, ServiceProcess } from '../support/processes.js';

const MiB = 1024 * 1024;
const BOUNDARY = 'xinfang-test-boundary';

/** A PNG signature and header, then `size` bytes of a recognisable pattern. */
const pngOf = (size: number) =>
  Buffer.concat([
    Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'),
    Buffer.alloc(size, '身份证510903198809010006'),
  ]);

const partHead = (name: string) =>
  Buffer.from(
    `--${BOUNDARY}\r\ncontent-disposition: form-data; name="file"; filename="${name}"\r\n` +
      `content-type: image/png\r\n\r\n`,
  );
const partTail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);

/**
 * Starts a multipart upload announcing `total` body bytes and sends only `first` of them. The
 * rest is sent only if asked: a server that answers now has not waited for the body.
 */
function startUpload(url: string, total: number, first: Buffer) {
  const req = httpRequest(url, {
    method: 'POST',
    headers: {
      'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
      'content-length': total,
    },
  });
  req.on('error', () => undefined);
  req.write(first);
  const response = once(req, 'response').then(([res]) => res as IncomingMessage);
  return { req, response };
}

async function bodyOf(response: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
}

describe('attachment uploads: checked before the body, streamed, sealed, swept', () => {
  let env: TestEnvironment;
  let intake: ServiceProcess;
  let receipt: { caseNo: string; queryCode: string };
  let orphan: string;
  let temporary: string;
  let attachmentDir: string;

  const files = async () =>
    (await readdir(attachmentDir, { recursive: true, withFileTypes: true }).catch(() => []))
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name));

  before(async () => {
    env = await createTestEnvironment();
    attachmentDir = env.env.ATTACHMENT_DIR;
    // What a crash left before this start: a file whose row never committed, a temporary file.
    const id = randomUUID();
    await mkdir(join(attachmentDir, id.slice(0, 2)), { recursive: true });
    orphan = join(attachmentDir, id.slice(0, 2), id);
    temporary = `${orphan}.${randomUUID()}.tmp`;
    const hourAgo = new Date(Date.now() - 3_600_000);
    for (const path of [orphan, temporary]) {
      await writeFile(path, 'left by a crash');
      await utimes(path, hourAgo, hourAgo);
    }
    // Few failures allowed per case, to see the limit; the right code must pass it.
    intake = new ServiceProcess('intake', await freePort(), {
      ...env.env,
      TRACKING_LIMIT_PER_CASE_PER_HOUR: '3',
    });
    intake.start();
    await intake.waitUntil('ready');
    const submitted = await request<{ caseNo: string; queryCode: string }>(
      'POST',
      `${intake.url}/api/v1/public/petitions`,
      { body: samplePetition() },
    );
    assert.equal(submitted.status, 201);
    receipt = submitted.body;
  });

  after(async () => {
    await intake.stop();
    await env.dispose();
  });

  const publicUrl = (queryCode: string) =>
    `${intake.url}/api/v1/public/petitions/${receipt.caseNo}/attachments?queryCode=${queryCode}`;

  it('sweeps the files a crash left without a row at start-up', async () => {
    await eventually(async () => {
      const left = await files();
      return !left.includes(orphan) && !left.includes(temporary);
    }, 'the orphaned files to be swept');
  });

  // The limit only ends a run whose server waits for a body that never comes; it times nothing.
  it(
    'refuses a wrong query code before reading the body, and stores nothing',
    { timeout: 60_000 },
    async () => {
      const head = Buffer.concat([partHead('id-card.png'), pngOf(64 * 1024)]);
      const upload = startUpload(publicUrl('WRONGCODE1'), 8 * MiB, head);
      // Answered while almost all of the announced 8 MiB is still unsent.
      const response = await upload.response;
      assert.equal(response.statusCode, 404);
      await bodyOf(response);
      upload.req.destroy();
      assert.deepEqual(await files(), []);
    },
  );

  it('answers 413 in both languages to a file over 10 MiB and leaves no file', async () => {
    const content = pngOf(10 * MiB + 1);
    const body = Buffer.concat([partHead('huge.png'), content, partTail]);
    const upload = startUpload(publicUrl(receipt.queryCode), body.length, body);
    upload.req.end();
    const response = await upload.response;
    assert.equal(response.statusCode, 413);
    const answer = (await bodyOf(response)) as {
      errors?: { field: string; code: string; messages: { zh: string; en: string } }[];
    };
    assert.deepEqual(
      answer.errors?.map((e) => [e.field, e.code]),
      [['file', 'attachment_too_large']],
    );
    const messages = answer.errors[0]?.messages;
    assert.ok(messages?.zh && messages.en);
    assert.deepEqual(await files(), []);
  });

  it('limits wrong query codes per case, and never refuses the right one', async () => {
    const small = () => Buffer.concat([partHead('id-card.png'), pngOf(1024), partTail]);
    const send = async (queryCode: string) => {
      const body = small();
      const upload = startUpload(publicUrl(queryCode), body.length, body);
      upload.req.end();
      const response = await upload.response;
      await bodyOf(response);
      return response.statusCode;
    };
    // One wrong code was sent above; two more reach the limit of three.
    assert.deepEqual([await send('WRONGCODE2'), await send('WRONGCODE3')], [404, 404]);
    assert.equal(await send('WRONGCODE4'), 429);
    assert.equal(await send(receipt.queryCode), 201);
    const [first] = await files();
    assert.ok(first);
    await rm(first);
  });

  it('streams an accepted file to disk sealed: the plaintext is nowhere in it', async () => {
    const content = pngOf(2 * MiB);
    const body = Buffer.concat([partHead('id-card.png'), content, partTail]);
    const upload = startUpload(publicUrl(receipt.queryCode), body.length, body);
    upload.req.end();
    const response = await upload.response;
    assert.equal(response.statusCode, 201, JSON.stringify(await bodyOf(response)));
    const [file, ...others] = await files();
    assert.ok(file);
    assert.deepEqual(others, []);
    const onDisk = await readFile(file);
    assert.equal(onDisk.includes(Buffer.from('510903198809010006')), false);
    assert.equal(onDisk.includes(content.subarray(0, 16)), false);
  });
});
