import { Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '#common';
import type { NotificationChannel } from '../database/notification.entity.js';
import { AliyunSmsProvider } from './aliyun-sms.provider.js';
import type { Channel, Delivered, OutgoingMessage, ReceiptSink } from './channel.js';
import { DeliveryError } from './channel.js';
import { ConcatenatedSms } from './concatenated-sms.js';
import { EmailChannel } from './email.channel.js';
import { LogChannel } from './log.channel.js';
import { SmppSmsProvider } from './smpp-sms.provider.js';
import { SmsRateLimiter } from './sms-rate-limiter.js';
import { TencentSmsProvider } from './tencent-sms.provider.js';

/** The settings the channels are made from. */
export const CHANNEL_SETTINGS = [
  'NODE_ENV',
  'REDIS_URL',
  'QUEUE_PREFIX',
  'SMS_PROVIDER',
  'SMS_FALLBACK_PROVIDER',
  'SMS_FALLBACK_AFTER_ATTEMPTS',
  'SMS_RATE_PER_SECOND',
  'SMS_TIMEOUT_MS',
  'SMS_TEMPLATE_MAP',
  'SMPP_URL',
  'SMPP_SYSTEM_ID',
  'SMPP_PASSWORD',
  'SMPP_SOURCE_ADDR',
  'SMPP_ENQUIRE_LINK_MS',
  'SMPP_WINDOW',
  'ALIYUN_ACCESS_KEY_ID',
  'ALIYUN_ACCESS_KEY_SECRET',
  'ALIYUN_SMS_SIGN_NAME',
  'ALIYUN_SMS_ENDPOINT',
  'TENCENT_SECRET_ID',
  'TENCENT_SECRET_KEY',
  'TENCENT_SMS_SDK_APP_ID',
  'TENCENT_SMS_SIGN_NAME',
  'TENCENT_SMS_REGION',
  'TENCENT_SMS_ENDPOINT',
  'SMTP_URL',
  'MAIL_FROM',
] as const satisfies readonly (keyof AppConfig)[];

export type ChannelSettings = Pick<AppConfig, (typeof CHANNEL_SETTINGS)[number]>;
type SmsProviderName = AppConfig['SMS_PROVIDER'];

/** A delivery as it went: which provider took it, and its ids. */
export interface Sent extends Delivered {
  provider: string;
}

/** A failed delivery and the provider that failed it (none when it failed before one). */
export class ProviderFailure extends Error {
  constructor(
    readonly error: DeliveryError,
    readonly provider: string | null,
  ) {
    super(error.code);
  }
}

/** SMS providers: the first, and the one that takes over when it fails. */
export interface SmsProviders {
  primary: Channel;
  fallback?: Channel | undefined;
  /** Attempts of the first provider before the fall-back is tried. */
  fallbackAfter: number;
  limiter?: SmsRateLimiter | undefined;
}

/** A setting the config schema requires with the chosen provider, so present here. */
function required<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
}

/**
 * The way each notification channel is delivered, as configured. SMS go to the first provider
 * and, once it failed `fallbackAfter` attempts or at once when it cannot be reached at all, to
 * the fall-back; each provider is held to its rate.
 */
export class DeliveryChannelsService implements BeforeApplicationShutdown {
  private readonly logger = new Logger('DeliveryChannels');

  constructor(
    private readonly channels: Record<Exclude<NotificationChannel, 'sms'>, Channel>,
    private readonly sms: SmsProviders,
  ) {}

  static fromSettings(settings: ChannelSettings): DeliveryChannelsService {
    const logger = new Logger('DeliveryChannels');
    if (settings.NODE_ENV === 'production') {
      if (settings.SMS_PROVIDER === 'log') logger.warn('SMS_PROVIDER=log: SMS are only logged');
      if (!settings.SMTP_URL) logger.warn('SMTP_URL is not set: email is only logged');
    }
    const fallback = settings.SMS_FALLBACK_PROVIDER;
    return new DeliveryChannelsService(
      {
        log: new LogChannel('log'),
        email: settings.SMTP_URL
          ? new EmailChannel({
              url: settings.SMTP_URL,
              from: required(settings.MAIL_FROM, 'MAIL_FROM'),
              timeoutMs: settings.SMS_TIMEOUT_MS,
            })
          : new LogChannel('email'),
      },
      {
        primary: smsProvider(settings.SMS_PROVIDER, settings),
        fallback: fallback && smsProvider(fallback, settings),
        fallbackAfter: settings.SMS_FALLBACK_AFTER_ATTEMPTS,
        limiter: new SmsRateLimiter(
          settings.REDIS_URL,
          settings.QUEUE_PREFIX,
          settings.SMS_RATE_PER_SECOND,
        ),
      },
    );
  }

  /**
   * Sends on a channel; `attempt` counts this notification's attempts, this one included.
   * Failures come as ProviderFailure, naming the provider.
   */
  async send(
    channel: NotificationChannel,
    to: string,
    message: OutgoingMessage,
    attempt: number,
  ): Promise<Sent> {
    if (channel !== 'sms') return this.through(this.channels[channel], to, message);
    const { primary, fallback, fallbackAfter } = this.sms;
    if (fallback && attempt > fallbackAfter) return this.sendSms(fallback, to, message);
    try {
      return await this.sendSms(primary, to, message);
    } catch (failure) {
      if (!fallback || !(failure instanceof ProviderFailure)) throw failure;
      if (failure.error.kind !== 'UNREACHABLE') throw failure;
      // Nothing was handed to the first provider: the fall-back takes it now.
      this.logger.warn({
        msg: 'SMS provider unreachable, sending through the fall-back',
        provider: primary.provider,
        fallback: fallback.provider,
        error: failure.error.code,
      });
      return this.sendSms(fallback, to, message);
    }
  }

  /** Every channel that receives delivery receipts over its own connection reports them here. */
  onReceipt(sink: ReceiptSink) {
    for (const channel of this.all()) channel.onReceipt?.(sink);
  }

  async beforeApplicationShutdown() {
    await Promise.all(this.all().flatMap((channel) => (channel.close ? [channel.close()] : [])));
    await this.sms.limiter?.close();
  }

  /** An SMS waits for its provider's turn; carriers count parts, so a long one takes several. */
  private async sendSms(provider: Channel, to: string, message: OutgoingMessage): Promise<Sent> {
    if (provider.provider !== 'log') {
      const parts = new ConcatenatedSms(message.text).parts.length;
      await this.sms.limiter?.acquire(provider.provider, parts);
    }
    return this.through(provider, to, message);
  }

  private async through(channel: Channel, to: string, message: OutgoingMessage): Promise<Sent> {
    try {
      return { ...(await channel.send(to, message)), provider: channel.provider };
    } catch (error) {
      if (error instanceof DeliveryError) throw new ProviderFailure(error, channel.provider);
      throw error;
    }
  }

  private all(): Channel[] {
    const { primary, fallback } = this.sms;
    return [...Object.values(this.channels), primary, ...(fallback ? [fallback] : [])];
  }
}

function smsProvider(name: SmsProviderName, settings: ChannelSettings): Channel {
  const timeoutMs = settings.SMS_TIMEOUT_MS;
  switch (name) {
    case 'log':
      return new LogChannel('sms');
    case 'smpp':
      return new SmppSmsProvider({
        url: required(settings.SMPP_URL, 'SMPP_URL'),
        systemId: required(settings.SMPP_SYSTEM_ID, 'SMPP_SYSTEM_ID'),
        password: required(settings.SMPP_PASSWORD, 'SMPP_PASSWORD'),
        sourceAddr: settings.SMPP_SOURCE_ADDR,
        enquireLinkMs: settings.SMPP_ENQUIRE_LINK_MS,
        window: settings.SMPP_WINDOW,
        timeoutMs,
      });
    case 'aliyun':
      return new AliyunSmsProvider({
        endpoint: settings.ALIYUN_SMS_ENDPOINT,
        accessKeyId: required(settings.ALIYUN_ACCESS_KEY_ID, 'ALIYUN_ACCESS_KEY_ID'),
        accessKeySecret: required(settings.ALIYUN_ACCESS_KEY_SECRET, 'ALIYUN_ACCESS_KEY_SECRET'),
        signName: required(settings.ALIYUN_SMS_SIGN_NAME, 'ALIYUN_SMS_SIGN_NAME'),
        templates: required(settings.SMS_TEMPLATE_MAP, 'SMS_TEMPLATE_MAP'),
        timeoutMs,
      });
    case 'tencent':
      return new TencentSmsProvider({
        endpoint: settings.TENCENT_SMS_ENDPOINT,
        secretId: required(settings.TENCENT_SECRET_ID, 'TENCENT_SECRET_ID'),
        secretKey: required(settings.TENCENT_SECRET_KEY, 'TENCENT_SECRET_KEY'),
        sdkAppId: required(settings.TENCENT_SMS_SDK_APP_ID, 'TENCENT_SMS_SDK_APP_ID'),
        signName: required(settings.TENCENT_SMS_SIGN_NAME, 'TENCENT_SMS_SIGN_NAME'),
        region: settings.TENCENT_SMS_REGION,
        templates: required(settings.SMS_TEMPLATE_MAP, 'SMS_TEMPLATE_MAP'),
        timeoutMs,
      });
  }
}
