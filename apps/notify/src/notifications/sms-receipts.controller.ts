import { createHash, timingSafeEqual } from 'node:crypto';
import {
  Body,
  Controller,
  HttpCode,
  HttpStatus,
  Injectable,
  Post,
  Query,
  type PipeTransform,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { z } from 'zod';
import { ApiError, notFound, Public, SkipAudit, ZodValidationPipe, type AppConfig } from '#common';
import {
  aliyunReceipts,
  aliyunReportSchema,
  tencentReceipts,
  tencentReportSchema,
} from '../channels/cloud-receipts.js';
import { DeliveryReceiptsService } from './delivery-receipts.service.js';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Checks the secret a callback carries before its body is even read. Neither Alibaba Cloud nor
 * Tencent Cloud signs its callbacks, so the URL configured in their consoles carries a secret
 * of ours, `?token=SMS_CALLBACK_TOKEN`, in the query string (which the request log leaves
 * out), compared in constant time. Without the setting the endpoints do not exist.
 */
@Injectable()
export class CallbackTokenPipe implements PipeTransform<unknown, true> {
  private readonly token?: Buffer;

  constructor(config: ConfigService<AppConfig, true>) {
    const token = config.get('SMS_CALLBACK_TOKEN', { infer: true });
    if (token) this.token = digest(token);
  }

  transform(token: unknown): true {
    if (!this.token) throw notFound({ zh: '回执接口', en: 'Receipt endpoint' });
    if (typeof token !== 'string' || !timingSafeEqual(digest(token), this.token)) {
      throw new ApiError(HttpStatus.FORBIDDEN, 'CALLBACK_TOKEN_INVALID', {
        zh: '回执令牌无效',
        en: 'The callback token is not valid',
      });
    }
    return true;
  }
}

/**
 * Delivery reports pushed by Alibaba Cloud and Tencent Cloud, each answered in the shape its
 * provider expects. A report that cannot be stored gets an error status, and the provider
 * pushes it again. They are the providers' machines reporting, kept in the notification's own
 * history (notification_event), not a person's action: the audit trail leaves them out.
 */
@Controller('api/v1/public/sms-receipts')
@Public()
@SkipAudit()
export class SmsReceiptsController {
  constructor(private readonly receipts: DeliveryReceiptsService) {}

  @Post('aliyun')
  @HttpCode(200)
  async aliyun(
    @Query('token', CallbackTokenPipe) _token: true,
    @Body(new ZodValidationPipe(aliyunReportSchema)) report: z.infer<typeof aliyunReportSchema>,
  ) {
    await this.receipts.record(aliyunReceipts(report));
    return { code: 0, msg: '接收成功' };
  }

  @Post('tencent')
  @HttpCode(200)
  async tencent(
    @Query('token', CallbackTokenPipe) _token: true,
    @Body(new ZodValidationPipe(tencentReportSchema)) report: z.infer<typeof tencentReportSchema>,
  ) {
    await this.receipts.record(tencentReceipts(report));
    return { result: 0, errmsg: 'OK' };
  }
}
