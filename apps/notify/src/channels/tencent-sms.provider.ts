import type { Channel, Delivered, OutgoingMessage } from './channel.js';
import { DeliveryError } from './channel.js';
import { tc3Authorization } from './cloud-signatures.js';
import { callCloud, providerTemplate, type SmsTemplateMap } from './cloud-sms.js';

export interface TencentSmsSettings {
  /** https://sms.tencentcloudapi.com */
  endpoint: string;
  secretId: string;
  secretKey: string;
  sdkAppId: string;
  signName: string;
  region: string;
  templates: SmsTemplateMap;
  timeoutMs: number;
}

interface SendSmsResponse {
  Response?: {
    Error?: { Code?: string };
    SendStatusSet?: { Code?: string; SerialNo?: string }[];
  };
}

const CONTENT_TYPE = 'application/json; charset=utf-8';
/** Tencent's codes worth another attempt: its own faults and rate limits. */
const RETRYABLE = /^(InternalError|LimitExceeded|RequestLimitExceeded)/;

/** Tencent Cloud SMS: API 2021-01-11 SendSms, signed with TC3-HMAC-SHA256. */
export class TencentSmsProvider implements Channel {
  readonly provider = 'tencent';
  private readonly host: string;

  constructor(private readonly settings: TencentSmsSettings) {
    this.host = new URL(settings.endpoint).host;
  }

  async send(to: string, message: OutgoingMessage): Promise<Delivered> {
    const template = providerTemplate(this.settings.templates, message);
    const payload = JSON.stringify({
      // E.164: mainland numbers are stored in their 11-digit national form.
      PhoneNumberSet: [/^1\d{10}$/.test(to) ? `+86${to}` : to],
      SmsSdkAppId: this.settings.sdkAppId,
      SignName: this.settings.signName,
      TemplateId: template.code,
      TemplateParamSet: template.params.map(([, value]) => value),
      SessionContext: message.notificationId,
    });
    const timestamp = Math.floor(Date.now() / 1000);
    const answer = (await callCloud(
      this.settings.endpoint,
      {
        method: 'POST',
        headers: {
          authorization: tc3Authorization({
            host: this.host,
            service: 'sms',
            contentType: CONTENT_TYPE,
            payload,
            timestamp,
            secretId: this.settings.secretId,
            secretKey: this.settings.secretKey,
          }),
          'content-type': CONTENT_TYPE,
          'x-tc-action': 'SendSms',
          'x-tc-version': '2021-01-11',
          'x-tc-region': this.settings.region,
          'x-tc-timestamp': String(timestamp),
        },
        body: payload,
      },
      this.settings.timeoutMs,
    )) as SendSmsResponse;
    const failure = answer.Response?.Error?.Code;
    if (failure) throw new DeliveryError(failure, RETRYABLE.test(failure));
    const [status] = answer.Response?.SendStatusSet ?? [];
    if (status?.Code !== 'Ok') {
      const code = status?.Code ?? 'TENCENT_NO_STATUS';
      throw new DeliveryError(code, RETRYABLE.test(code));
    }
    return {
      providerMessageId: status.SerialNo ?? null,
      partIds: status.SerialNo ? [status.SerialNo] : [],
    };
  }
}
