import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { sms } from 'tencentcloud-sdk-nodejs-sms';
import type { Channel, Delivered, OutgoingMessage } from './channel.js';
import { DeliveryError } from './channel.js';
import {
  httpStatusFailure,
  NOT_CONNECTED,
  providerTemplate,
  type SmsTemplateMap,
} from './cloud-sms.js';

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

/** Tencent's codes worth another attempt: its own faults and rate limits. */
const RETRYABLE = /^(InternalError|LimitExceeded|RequestLimitExceeded)/;

/**
 * What the SDK throws: its own exception (an API error's code, or a non-200 answer's status;
 * a network error becomes one with only the message kept), or node-fetch's FetchError while the
 * answer's body is read.
 */
interface SdkFailure {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  httpCode?: unknown;
  type?: unknown;
}

/**
 * One connection for one request, remembering why it could not be made: the SDK keeps only an
 * error's message, and a host whose every address refused has none (an AggregateError).
 */
function watchedAgent(secure: boolean) {
  const agent = secure ? new HttpsAgent({ keepAlive: false }) : new HttpAgent({ keepAlive: false });
  const watch = { agent, notConnected: undefined as string | undefined };
  const connect = agent.createConnection.bind(agent);
  agent.createConnection = (options, callback) => {
    const socket = connect(options, callback);
    let connected = false;
    socket?.once('connect', () => (connected = true));
    socket?.once('error', (error: NodeJS.ErrnoException) => {
      if (!connected && error.code && NOT_CONNECTED.has(error.code)) {
        watch.notConnected = error.code;
      }
    });
    return socket;
  };
  return watch;
}

/** Tencent Cloud SMS: API 2021-01-11 SendSms through the official SDK (TC3-HMAC-SHA256). */
export class TencentSmsProvider implements Channel {
  readonly provider = 'tencent';
  private readonly url: URL;

  constructor(private readonly settings: TencentSmsSettings) {
    this.url = new URL(settings.endpoint);
  }

  async send(to: string, message: OutgoingMessage): Promise<Delivered> {
    const template = providerTemplate(this.settings.templates, message);
    const watch = watchedAgent(this.url.protocol === 'https:');
    // A client per message, for its own connection: the SDK keeps settings, no state.
    const client = new sms.v20210111.Client({
      credential: { secretId: this.settings.secretId, secretKey: this.settings.secretKey },
      region: this.settings.region,
      profile: {
        httpProfile: {
          protocol: `${this.url.protocol}//`,
          endpoint: this.url.host,
          reqMethod: 'POST',
          reqTimeout: this.settings.timeoutMs / 1000,
          // An agent of our own: without one the SDK would route through $http_proxy.
          agent: watch.agent,
        },
      },
    });
    let answer;
    try {
      answer = await client.SendSms({
        // E.164: mainland numbers are stored in their 11-digit national form.
        PhoneNumberSet: [/^1\d{10}$/.test(to) ? `+86${to}` : to],
        SmsSdkAppId: this.settings.sdkAppId,
        SignName: this.settings.signName,
        TemplateId: template.code,
        TemplateParamSet: template.params.map(([, value]) => value),
        SessionContext: message.notificationId,
      });
    } catch (error) {
      throw failure(error, watch.notConnected);
    } finally {
      watch.agent.destroy();
    }
    const [status] = answer.SendStatusSet ?? [];
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

/**
 * A cloud that cannot be reached, or whose gateway says it is down (502-504), is an outage; a
 * timeout or a connection lost mid-call is UNCERTAIN, since the request may have been taken;
 * other 5xx are worth another attempt; an API error is retried if it is a fault or a limit.
 */
function failure(error: unknown, notConnected: string | undefined): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const { name, message, code, httpCode, type } = (error ?? {}) as SdkFailure;
  if (name === 'FetchError') {
    // Raised while the answer's body was read: the request was taken.
    if (type === 'invalid-json') return new DeliveryError('HTTP_200_NOT_JSON', true);
    if (type === 'body-timeout') return new DeliveryError('HTTP_TIMEOUT', false, 'UNCERTAIN');
    return new DeliveryError('HTTP_CONNECTION_LOST', false, 'UNCERTAIN');
  }
  if (typeof code === 'string' && code) return new DeliveryError(code, RETRYABLE.test(code));
  if (typeof httpCode === 'number') return httpStatusFailure(httpCode);
  if (notConnected) return new DeliveryError('HTTP_UNREACHABLE', true, 'UNREACHABLE');
  // An answer of 200 without its Response (the SDK reads data.Response.Error).
  if (error instanceof TypeError) return new DeliveryError('TENCENT_NO_STATUS', false);
  if (typeof message === 'string' && message.startsWith('network timeout at:')) {
    return new DeliveryError('HTTP_TIMEOUT', false, 'UNCERTAIN');
  }
  return new DeliveryError('HTTP_CONNECTION_LOST', false, 'UNCERTAIN');
}
