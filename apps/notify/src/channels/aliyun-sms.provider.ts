import { randomUUID } from 'node:crypto';
import type { Channel, Delivered, OutgoingMessage } from './channel.js';
import { DeliveryError } from './channel.js';
import { acs3Headers, canonicalQuery } from './cloud-signatures.js';
import { callCloud, providerTemplate, type SmsTemplateMap } from './cloud-sms.js';

export interface AliyunSmsSettings {
  /** https://dysmsapi.aliyuncs.com */
  endpoint: string;
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  templates: SmsTemplateMap;
  timeoutMs: number;
}

interface SendSmsResponse {
  Code?: string;
  BizId?: string;
}

/** Errors about the request itself, which another attempt would repeat. */
const PERMANENT =
  /^isv\.(MOBILE_NUMBER_ILLEGAL|SMS_TEMPLATE_ILLEGAL|SMS_SIGNATURE_ILLEGAL|TEMPLATE_MISSING_PARAMETERS|INVALID_PARAMETERS|PARAM_LENGTH_LIMIT)/;

/** Alibaba Cloud SMS (短信服务): dysmsapi 2017-05-25 SendSms, signed with signature V3. */
export class AliyunSmsProvider implements Channel {
  readonly provider = 'aliyun';
  private readonly host: string;

  constructor(private readonly settings: AliyunSmsSettings) {
    this.host = new URL(settings.endpoint).host;
  }

  async send(to: string, message: OutgoingMessage): Promise<Delivered> {
    const template = providerTemplate(this.settings.templates, message);
    const query = {
      PhoneNumbers: to,
      SignName: this.settings.signName,
      TemplateCode: template.code,
      TemplateParam: JSON.stringify(Object.fromEntries(template.params)),
      // Ties the provider's records to ours without anything personal.
      OutId: message.notificationId,
    };
    const headers = acs3Headers({
      method: 'POST',
      host: this.host,
      query,
      body: '',
      action: 'SendSms',
      version: '2017-05-25',
      date: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      nonce: randomUUID(),
      accessKeyId: this.settings.accessKeyId,
      accessKeySecret: this.settings.accessKeySecret,
    });
    const url = new URL(`/?${canonicalQuery(query)}`, this.settings.endpoint);
    const { host: _host, ...sent } = headers;
    const answer = (await callCloud(
      url.toString(),
      { method: 'POST', headers: sent },
      this.settings.timeoutMs,
    )) as SendSmsResponse;
    if (answer.Code !== 'OK') {
      const code = answer.Code ?? 'ALIYUN_NO_CODE';
      throw new DeliveryError(code, !PERMANENT.test(code));
    }
    return { providerMessageId: answer.BizId ?? null, partIds: answer.BizId ? [answer.BizId] : [] };
  }
}
