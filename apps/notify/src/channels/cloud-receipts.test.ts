import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { aliyunDeliveredReport } from '../../../../tests/support/cloud-stub.js';
import {
  aliyunReceipts,
  aliyunReportSchema,
  tencentReceipts,
  tencentReportSchema,
} from './cloud-receipts.js';

describe('cloud SMS delivery reports', () => {
  it('reads the Alibaba Cloud SmsReport push, our id from out_id, and nothing personal', () => {
    const report = aliyunReportSchema.parse([
      aliyunDeliveredReport({
        phone: '13800138000',
        bizId: '9006197469364984400',
        outId: '6f1b1c2e-0d7a-4c55-9a8e-3c2b1a0f9e8d',
      }),
      { biz_id: '9006197469364984401', success: false, err_code: 'MK:0001', out_id: 'x' },
    ]);
    const receipts = aliyunReceipts(report);
    assert.deepEqual(receipts, [
      {
        provider: 'aliyun',
        messageId: '9006197469364984400',
        state: 'DELIVERED',
        errorCode: null,
        notificationHint: '6f1b1c2e-0d7a-4c55-9a8e-3c2b1a0f9e8d',
      },
      {
        provider: 'aliyun',
        messageId: '9006197469364984401',
        state: 'FAILED',
        errorCode: 'MK:0001',
        notificationHint: undefined,
      },
    ]);
    assert.ok(!JSON.stringify(receipts).includes('13800138000'));
  });

  it('reads the Tencent Cloud status callback', () => {
    const report = tencentReportSchema.parse([
      {
        user_receive_time: '2026-11-22 10:00:05',
        nationcode: '86',
        mobile: '13800138000',
        report_status: 'FAIL',
        errmsg: 'MK:0005',
        description: '用户短信送达失败',
        sid: '2640:1',
      },
    ]);
    assert.deepEqual(tencentReceipts(report), [
      { provider: 'tencent', messageId: '2640:1', state: 'FAILED', errorCode: 'MK:0005' },
    ]);
  });

  it('refuses a report without ids or states', () => {
    assert.equal(aliyunReportSchema.safeParse([{ success: true }]).success, false);
    assert.equal(
      tencentReportSchema.safeParse([{ sid: '1', report_status: 'MAYBE' }]).success,
      false,
    );
    assert.equal(aliyunReportSchema.safeParse([]).success, false);
  });
});
