import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import smpp from 'smpp';
import { DeliveryError, type DeliveryReceipt } from '../apps/notify/src/channels/channel.js';
import {
  SmppSmsProvider,
  type SmppSettings,
} from '../apps/notify/src/channels/smpp-sms.provider.js';
import { eventually } from './support/eventually.js';
import { message, PHONE, receipt, rejects } from './support/outgoing-messages.js';
import { TestSmsc } from './support/test-smsc.js';

describe('SMS over SMPP to a local SMSC', { timeout: 60_000 }, () => {
  const smsc = new TestSmsc();
  let provider: SmppSmsProvider;
  /** A provider that binds to the local SMSC as xinfang, with `settings` over the usual ones. */
  const bound = (settings: Partial<SmppSettings>) =>
    new SmppSmsProvider({
      url: smsc.url,
      systemId: 'xinfang',
      password: 'secret',
      enquireLinkMs: 30_000,
      timeoutMs: 5_000,
      ...settings,
    });

  before(async () => {
    await smsc.start();
    provider = bound({ sourceAddr: '10690000', enquireLinkMs: 200 });
  });

  after(async () => {
    await provider.close();
    await smsc.stop();
  });

  it('binds as a transceiver and sends a short text as one UCS-2 message', async () => {
    const delivered = await provider.send(PHONE, message('您的信访事项已受理。'));
    assert.deepEqual(smsc.binds, [{ systemId: 'xinfang', password: 'secret' }]);
    const [sm] = smsc.submitted;
    assert.equal(sm?.destination, PHONE);
    assert.equal(sm.source, '10690000');
    assert.equal(sm.dataCoding, 0x08, 'UCS-2');
    assert.equal(sm.esmClass, 0, 'no header');
    assert.equal(sm.text, '您的信访事项已受理。');
    assert.equal(sm.registeredDelivery, 1, 'a delivery receipt is asked for');
    assert.equal(delivered.providerMessageId, 'SMSC-1');
    assert.deepEqual(delivered.partIds, ['SMSC-1']);
  });

  it('sends a long text as concatenated parts that join into the whole text', async () => {
    const before = smsc.submitted.length;
    const { text } = receipt();
    assert.ok(text.length > 70, 'the receipt needs two parts');
    const delivered = await provider.send(PHONE, receipt());
    const parts = smsc.submitted.slice(before);
    assert.equal(parts.length, 2);
    for (const part of parts) {
      assert.equal(part.esmClass & 0x40, 0x40, 'UDH indicator');
      assert.equal(part.dataCoding, 0x08);
      assert.equal(part.concatenation?.total, 2);
      assert.equal(part.concatenation.reference, parts[0]?.concatenation?.reference);
    }
    assert.deepEqual(
      parts.map((p) => p.concatenation?.sequence),
      [1, 2],
    );
    assert.equal(parts[0]?.text.length, 67);
    const whole = smsc.messages().at(-1);
    assert.deepEqual(whole, { destination: PHONE, text, parts: 2 });
    assert.match(whole.text, /XF-510903-20261207-000012.*7K3M9Q2X5T/);
    assert.equal(delivered.providerMessageId, 'SMSC-2,SMSC-3');
    assert.deepEqual(delivered.partIds, ['SMSC-2', 'SMSC-3']);
    assert.ok(
      parts.every((part) => part.registeredDelivery === 1),
      'a receipt for each part',
    );
  });

  it('sends a Chinese message of 150 characters as 3 parts that join correctly', async () => {
    const before = smsc.messages().length;
    const text = '信访事项办理进展通知'.repeat(15);
    assert.equal(text.length, 150);
    await provider.send(PHONE, { ...receipt(), text });
    const parts = smsc.submitted.filter((p) => p.concatenation?.total === 3).slice(-3);
    assert.deepEqual(
      parts.map((p) => [p.concatenation?.sequence, p.text.length]),
      [
        [1, 67],
        [2, 67],
        [3, 16],
      ],
    );
    assert.deepEqual(smsc.messages().slice(before), [{ destination: PHONE, text, parts: 3 }]);
  });

  it('passes each delivery receipt on, and answers the SMSC once it is stored', async () => {
    const received: DeliveryReceipt[] = [];
    let store = (receipt: DeliveryReceipt) => {
      received.push(receipt);
      return Promise.resolve();
    };
    provider.onReceipt((receipt) => store(receipt));
    smsc.receipts = (sm) => (sm.destination === PHONE ? 'DELIVRD' : 'UNDELIV');
    try {
      const answered = smsc.receiptAnswers.length;
      const delivered = await provider.send(PHONE, receipt());
      await provider.send('13900000000', message('号码已停机'));
      await eventually(() => received.length === 3, 'three receipts');
      assert.deepEqual(received, [
        ...delivered.partIds.map((messageId) => ({
          provider: 'smpp',
          messageId,
          state: 'DELIVERED',
          errorCode: null,
        })),
        {
          provider: 'smpp',
          messageId: smsc.submitted.at(-1)?.messageId,
          state: 'FAILED',
          errorCode: 'UNDELIV:001',
        },
      ]);
      await eventually(() => smsc.receiptAnswers.length === answered + 3, 'the answers');
      assert.deepEqual(smsc.receiptAnswers.slice(answered), [0, 0, 0]);

      // Not stored (the database is away, say): the SMSC is told to try again later.
      store = () => Promise.reject(new Error('database unavailable'));
      await provider.send(PHONE, message('回执未能保存'));
      await eventually(() => smsc.receiptAnswers.length === answered + 4, 'the refusal');
      assert.equal(smsc.receiptAnswers.at(-1), smpp.errors.ESME_RX_T_APPN);
    } finally {
      smsc.receipts = null;
    }
  });

  it('keeps one bound session, checks it with enquire_link, and binds again after a loss', async () => {
    assert.equal(smsc.binds.length, 1, 'both messages went over the first session');
    await eventually(() => smsc.enquireLinks > 0, 'an enquire_link');
    smsc.dropSessions();
    await eventually(async () => {
      try {
        await provider.send(PHONE, message('重新连接后发送'));
        return true;
      } catch (error) {
        // The drop may be noticed by this very send (it was not written, or never answered);
        // the next one binds anew.
        assert.ok(
          error instanceof DeliveryError && (error.retryable || error.kind === 'UNCERTAIN'),
        );
        return false;
      }
    }, 'a send after the SMSC dropped the session');
    assert.equal(smsc.binds.length, 2);
    assert.equal(smsc.messages().at(-1)?.text, '重新连接后发送');
  });

  it('reports an SMSC error status by name, retryable unless the number is refused', async () => {
    smsc.failWith = smpp.errors.ESME_RSYSERR ?? 0x08;
    await assert.rejects(provider.send(PHONE, message('系统错误')), rejects('ESME_RSYSERR', true));
    smsc.failWith = smpp.errors.ESME_RINVDSTADR ?? 0x0b;
    await assert.rejects(
      provider.send(PHONE, message('号码错误')),
      rejects('ESME_RINVDSTADR', false),
    );
    smsc.failWith = null;
  });

  it('fails a message whose later part is refused for good: a retry would repeat the first', async () => {
    smsc.refuse = (sm) =>
      sm.concatenation?.sequence === 2 ? (smpp.errors.ESME_RSYSERR ?? 0x08) : null;
    try {
      await assert.rejects(provider.send(PHONE, receipt()), rejects('ESME_RSYSERR', false));
    } finally {
      smsc.refuse = null;
    }
  });

  it('fails a bind with wrong credentials as an outage, retryable, and sends nothing', async () => {
    const wrong = bound({ password: 'wrong' });
    const before = smsc.submitted.length;
    await assert.rejects(
      wrong.send(PHONE, message('不应发送')),
      (error: unknown) =>
        rejects('SMPP_BIND_ESME_RBINDFAIL', true)(error) &&
        (error as DeliveryError).kind === 'UNREACHABLE',
    );
    assert.equal(smsc.submitted.length, before);
    await wrong.close();
  });

  it('keeps at most its window of submissions waiting for the SMSC at once', async () => {
    const windowed = bound({ timeoutMs: 30_000, window: 2 });
    try {
      const before = smsc.submitted.length;
      smsc.maxOutstanding = 0;
      smsc.holdResponses = true;
      const sends = [1, 2, 3].map((n) => windowed.send(PHONE, message(`窗口${n}`)));
      await eventually(() => smsc.submitted.length === before + 2, 'two submissions');
      smsc.release();
      await Promise.all(sends);
      assert.equal(smsc.submitted.length, before + 3);
      assert.equal(smsc.maxOutstanding, 2);
    } finally {
      smsc.release();
      await windowed.close();
    }
  });
});
