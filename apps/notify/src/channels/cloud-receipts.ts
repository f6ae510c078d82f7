import { z } from 'zod';
import type { DeliveryReceipt } from './channel.js';

/**
 * Alibaba Cloud's status report push (SmsReport, HTTP batch mode): a JSON array. Only what we
 * use is read; the phone number it also carries is neither kept nor logged.
 */
export const aliyunReportSchema = z
  .array(
    z.looseObject({
      biz_id: z.string().min(1).max(64),
      out_id: z.string().max(64).optional(),
      success: z.boolean(),
      err_code: z.string().max(64).optional(),
    }),
  )
  .min(1)
  .max(1000);

/** Tencent Cloud's delivery status callback (短信下发状态通知): a JSON array. */
export const tencentReportSchema = z
  .array(
    z.looseObject({
      sid: z.string().min(1).max(64),
      report_status: z.enum(['SUCCESS', 'FAIL']),
      errmsg: z.string().max(64).optional(),
    }),
  )
  .min(1)
  .max(1000);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function aliyunReceipts(report: z.infer<typeof aliyunReportSchema>): DeliveryReceipt[] {
  return report.map((item) => ({
    provider: 'aliyun',
    messageId: item.biz_id,
    state: item.success ? 'DELIVERED' : 'FAILED',
    errorCode: item.success ? null : (item.err_code ?? 'ALIYUN_UNDELIVERED'),
    // We send our notification id as OutId.
    notificationHint: item.out_id && UUID.test(item.out_id) ? item.out_id : undefined,
  }));
}

export function tencentReceipts(report: z.infer<typeof tencentReportSchema>): DeliveryReceipt[] {
  return report.map((item) => ({
    provider: 'tencent',
    messageId: item.sid,
    state: item.report_status === 'SUCCESS' ? 'DELIVERED' : 'FAILED',
    errorCode: item.report_status === 'SUCCESS' ? null : (item.errmsg ?? 'TENCENT_UNDELIVERED'),
  }));
}
