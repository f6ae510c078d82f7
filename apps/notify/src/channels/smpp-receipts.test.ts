import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { smppReceipt } from './smpp-receipts.js';

const text = (id: string, stat: string, err = '000') =>
  `id:${id} sub:001 dlvrd:001 submit date:2611221200 done date:2611221201 stat:${stat} err:${err} text:您的信访`;

describe('SMPP delivery receipts (deliver_sm)', () => {
  it('reads the id and state of the receipt text when there are no TLVs', () => {
    assert.deepEqual(
      smppReceipt({ esm_class: 0x04, short_message: { message: text('7F3A', 'DELIVRD') } }),
      {
        messageId: '7F3A',
        state: 'DELIVERED',
        errorCode: null,
      },
    );
    assert.deepEqual(
      smppReceipt({ esm_class: 0x04, short_message: text('7F3B', 'UNDELIV', '011') }),
      {
        messageId: '7F3B',
        state: 'FAILED',
        errorCode: 'UNDELIV:011',
      },
    );
  });

  it('prefers the receipted_message_id and message_state TLVs', () => {
    assert.deepEqual(
      smppReceipt({
        esm_class: 0x04,
        receipted_message_id: 'SMSC-9',
        message_state: 3,
        short_message: { message: Buffer.from(text('other', 'DELIVRD'), 'latin1') },
      }),
      { messageId: 'SMSC-9', state: 'FAILED', errorCode: 'EXPIRED:000' },
    );
  });

  it('ignores a message from a handset and states that are not final', () => {
    assert.equal(smppReceipt({ esm_class: 0x00, short_message: text('1', 'DELIVRD') }), null);
    assert.equal(smppReceipt({ esm_class: 0x04, short_message: text('1', 'ACCEPTD') }), null);
    assert.equal(smppReceipt({ esm_class: 0x04, short_message: text('1', 'ENROUTE') }), null);
    assert.equal(smppReceipt({ esm_class: 0x04, short_message: 'no receipt here' }), null);
  });
});
