import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage } from 'node:http';
import Dysmsapi, { SendSmsRequest } from '@alicloud/dysmsapi20170525';
import { $OpenApiUtil, AlibabaCloudError } from '@alicloud/openapi-core';
import { RetryOptions, RuntimeOptions } from '@darabonba/typescript';
import type { Channel, Delivered, OutgoingMessage } from './channel.js';
import { DeliveryError } from './channel.js';
import {
  httpStatusFailure,
  NOT_CONNECTED,
  providerTemplate,
  type SmsTemplateMap,
} from './cloud-sms.js';

export interface AliyunSmsSettings {
  /** https://dysmsapi.aliyuncs.com */
  endpoint: string;
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  templates: SmsTemplateMap;
  timeoutMs: number;
}

/** Errors about the request itself, which another attempt would repeat. */
const PERMANENT =
  /^isv\.(MOBILE_NUMBER_ILLEGAL|SMS_TEMPLATE_ILLEGAL|SMS_SIGNATURE_ILLEGAL|TEMPLATE_MISSING_PARAMETERS|INVALID_PARAMETERS|PARAM_LENGTH_LIMIT)/;

/** Node's report of each HTTP response's head, whoever made the request. */
const RESPONSES = 'http.client.response.finish';

/**
 * Alibaba Cloud SMS (短信服务): dysmsapi 2017-05-25 SendSms through the official SDK, which signs
 * it with signature V3 (ACS3-HMAC-SHA256).
 *
 * The SDK never tries twice here: its only retry loop (openapi-core's doRequest) runs again only
 * when the client's retryOptions say so, and they say no; our own queue retries, knowing which
 * failures may have sent the message.
 */
export class AliyunSmsProvider implements Channel {
  readonly provider = 'aliyun';
  private readonly client: Dysmsapi.default;
  private readonly hostname: string;
  private readonly runtime: RuntimeOptions;

  constructor(private readonly settings: AliyunSmsSettings) {
    const url = new URL(settings.endpoint);
    this.hostname = url.hostname;
    this.client = new Dysmsapi.default(
      new $OpenApiUtil.Config({
        accessKeyId: settings.accessKeyId,
        accessKeySecret: settings.accessKeySecret,
        // The SDK takes a host and a protocol; the local stand-in is plain http on a port.
        endpoint: url.host,
        protocol: url.protocol.replace(/:$/, ''),
        connectTimeout: settings.timeoutMs,
        readTimeout: settings.timeoutMs,
        retryOptions: new RetryOptions({ retryable: false }),
      }),
    );
    // Read by the SDK's older request paths only; kept off for anyone switching to them.
    this.runtime = new RuntimeOptions({
      autoretry: false,
      maxAttempts: 0,
      connectTimeout: settings.timeoutMs,
      readTimeout: settings.timeoutMs,
    });
  }

  async send(to: string, message: OutgoingMessage): Promise<Delivered> {
    const template = providerTemplate(this.settings.templates, message);
    const request = new SendSmsRequest({
      phoneNumbers: to,
      signName: this.settings.signName,
      templateCode: template.code,
      templateParam: JSON.stringify(Object.fromEntries(template.params)),
      // Ties the provider's records to ours without anything personal.
      outId: message.notificationId,
    });
    // The SDK loses the HTTP status of an answer that is not JSON (a gateway's error page);
    // Node reports every response's head, and this send's is the one for its host and OutId.
    let status: number | undefined;
    const onResponse = (report: unknown) => {
      const { request: sent, response } = report as {
        request: ClientRequest;
        response: IncomingMessage;
      };
      const query = new URLSearchParams(sent.path.split('?')[1] ?? '');
      if (sent.host === this.hostname && query.get('OutId') === message.notificationId) {
        status = response.statusCode;
      }
    };
    subscribe(RESPONSES, onResponse);
    let answer;
    try {
      answer = await this.client.sendSmsWithOptions(request, this.runtime);
    } catch (error) {
      throw failure(error, status);
    } finally {
      unsubscribe(RESPONSES, onResponse);
    }
    const { code, bizId } = answer.body ?? {};
    if (code !== 'OK') {
      const reason = code ?? 'ALIYUN_NO_CODE';
      throw new DeliveryError(reason, !PERMANENT.test(reason));
    }
    return { providerMessageId: bizId ?? null, partIds: bizId ? [bizId] : [] };
  }
}

/**
 * What a failed SDK call means. A cloud that cannot be reached, or whose gateway says it is down
 * (502-504), is an outage; a timeout or a connection lost mid-call is UNCERTAIN, since the
 * request may have been taken; other 5xx are worth another attempt; an error the API answered
 * is judged by its code.
 */
function failure(error: unknown, status: number | undefined): DeliveryError {
  if (error instanceof AlibabaCloudError && error.statusCode !== undefined) {
    // An HTTP 4xx or 5xx with a JSON body.
    if (error.statusCode >= 500) return httpStatusFailure(error.statusCode);
    const data = error.data as { Code?: unknown } | undefined;
    const code = typeof data?.Code === 'string' ? data.Code : 'ALIYUN_NO_CODE';
    return new DeliveryError(code, !PERMANENT.test(code));
  }
  if (error instanceof SyntaxError && status !== undefined) {
    // An answer that is not JSON, whatever its status.
    if (status >= 500) return httpStatusFailure(status);
    return new DeliveryError(`HTTP_${String(status)}_NOT_JSON`, true);
  }
  // httpx, under the SDK, names both its connect and its read timeout so.
  if (error instanceof Error && error.name === 'RequestTimeoutError') {
    return new DeliveryError('HTTP_TIMEOUT', false, 'UNCERTAIN');
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && NOT_CONNECTED.has(code)) {
    return new DeliveryError('HTTP_UNREACHABLE', true, 'UNREACHABLE');
  }
  return new DeliveryError('HTTP_CONNECTION_LOST', false, 'UNCERTAIN');
}
