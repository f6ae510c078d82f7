import assert from 'node:assert/strict';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { EmailChannel } from '../apps/notify/src/channels/email.channel.js';
import { render } from '../apps/notify/src/notifications/templates.js';
import { message, rejects } from './support/outgoing-messages.js';
import { TestMailbox } from './support/test-mailbox.js';

describe('email over SMTP to a local server', { timeout: 30_000 }, () => {
  const mailbox = new TestMailbox();
  let channel: EmailChannel;

  before(async () => {
    await mailbox.start();
    channel = new EmailChannel({
      url: mailbox.url,
      from: '信访平台 <noreply@xinfang.example>',
      timeoutMs: 5_000,
    });
  });

  after(async () => {
    await mailbox.stop();
  });

  it('delivers subject and text in Chinese, readable after decoding', async () => {
    const rendered = render('assignment.created', {
      caseNo: 'XF-510903-20261207-000012',
      dueAt: '2026-12-22T15:59:59.999Z',
    });
    const delivered = await channel.send('xfj@suining.example', {
      notificationId: '0b7f2c1d-5e3a-4f6b-8c9d-1a2b3c4d5e6f',
      template: 'assignment.created',
      ...rendered,
    });
    const [mail] = mailbox.received;
    assert.ok(mail);
    assert.equal(mail.from, 'noreply@xinfang.example');
    assert.deepEqual(mail.to, ['xfj@suining.example']);
    assert.equal(mail.subject, '新交办信访事项 XF-510903-20261207-000012');
    assert.equal(mail.text, rendered.text);
    assert.match(mail.text, /时限至2026年12月22日/);
    assert.equal(mail.headers.get('message-id'), delivered.providerMessageId);
    assert.equal(
      mail.headers.get('x-xinfang-notification'),
      '0b7f2c1d-5e3a-4f6b-8c9d-1a2b3c4d5e6f',
    );
  });

  it('reports a refused mailbox as a final failure with the SMTP reply code', async () => {
    mailbox.refuse.add('gone@suining.example');
    await assert.rejects(
      channel.send('gone@suining.example', message('内容')),
      rejects('SMTP_550', false),
    );
  });

  it('tries again later when the server never greets: nothing was handed over', async () => {
    const peer = await ScriptedSmtpPeer.start('silent');
    try {
      const silent = new EmailChannel({
        url: peer.url,
        from: 'noreply@xinfang.example',
        timeoutMs: 300,
      });
      await assert.rejects(
        silent.send('xfj@suining.example', message('内容')),
        rejects('SMTP_ETIMEDOUT', true, 'UNREACHABLE'),
      );
      assert.equal(peer.messages, 0);
    } finally {
      await peer.stop();
    }
  });

  it('sends once, and calls it uncertain, when the link drops after the message went over', async () => {
    const peer = await ScriptedSmtpPeer.start('drop-after-data');
    try {
      const dropping = new EmailChannel({
        url: peer.url,
        from: 'noreply@xinfang.example',
        timeoutMs: 2_000,
      });
      await assert.rejects(
        dropping.send('xfj@suining.example', message('内容')),
        rejects('SMTP_ECONNECTION', false, 'UNCERTAIN'),
      );
      // Nothing in the channel sends it again by itself (nodemailer's pool would).
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.equal(peer.messages, 1);
    } finally {
      await peer.stop();
    }
  });
});

/**
 * A minimal SMTP peer on a raw socket, for what smtp-server will not do: never greet, or take a
 * whole message and hang up before answering it. Counts the messages it received.
 */
class ScriptedSmtpPeer {
  messages = 0;
  readonly sockets = new Set<Socket>();

  private constructor(private readonly server: Server) {}

  static async start(script: 'silent' | 'drop-after-data'): Promise<ScriptedSmtpPeer> {
    const server = createServer((socket) => {
      peer.sockets.add(socket);
      if (script === 'silent') return;
      let inData = false;
      let buffered = '';
      socket.write('220 peer ESMTP\r\n');
      socket.on('data', (chunk: Buffer) => {
        buffered += chunk.toString('latin1');
        if (inData) {
          if (!buffered.includes('\r\n.\r\n')) return;
          peer.messages += 1;
          socket.destroy();
          return;
        }
        let end: number;
        while ((end = buffered.indexOf('\r\n')) >= 0) {
          const line = buffered.slice(0, end).toUpperCase();
          buffered = buffered.slice(end + 2);
          if (line.startsWith('DATA')) {
            inData = true;
            socket.write('354 go ahead\r\n');
            return;
          }
          socket.write(line.startsWith('QUIT') ? '221 bye\r\n' : '250 ok\r\n');
        }
      });
    });
    const peer = new ScriptedSmtpPeer(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return peer;
  }

  get url(): string {
    return `smtp://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
