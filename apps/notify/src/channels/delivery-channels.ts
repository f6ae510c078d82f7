import { Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '#common';
import type { NotificationChannel } from '../database/notification.entity.js';
import { AliyunSmsProvider } from './aliyun-sms.provider.js';
import type { Channel } from './channel.js';
import { EmailChannel } from './email.channel.js';
import { LogChannel } from './log.channel.js';
import { SmppSmsProvider } from './smpp-sms.provider.js';
import { TencentSmsProvider } from './tencent-sms.provider.js';

/** The settings the channels are made from. */
export const CHANNEL_SETTINGS = [
  'NODE_ENV',
  'SMS_PROVIDER',
  'SMS_TIMEOUT_MS',
  'SMS_TEMPLATE_MAP',
  'SMPP_URL',
  'SMPP_SYSTEM_ID',
  'SMPP_PASSWORD',
  'SMPP_SOURCE_ADDR',
  'SMPP_ENQUIRE_LINK_MS',
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

/** A setting the config schema requires with the chosen provider, so present here. */
function required<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
}

/** The way each notification channel is delivered, as configured. */
export class DeliveryChannels implements BeforeApplicationShutdown {
  constructor(
    private readonly channels: Record<NotificationChannel, Channel>,
    /** Who carries each channel's messages (`smpp`, `smtp`, `log`…), for the delivery metrics. */
    private readonly providers: Record<NotificationChannel, string> = {
      log: 'log',
      sms: 'log',
      email: 'log',
    },
  ) {}

  static fromSettings(settings: ChannelSettings): DeliveryChannels {
    const logger = new Logger(DeliveryChannels.name);
    if (settings.NODE_ENV === 'production') {
      if (settings.SMS_PROVIDER === 'log') logger.warn('SMS_PROVIDER=log: SMS are only logged');
      if (!settings.SMTP_URL) logger.warn('SMTP_URL is not set: email is only logged');
    }
    return new DeliveryChannels(
      {
        log: new LogChannel('log'),
        sms: smsChannel(settings),
        email: settings.SMTP_URL
          ? new EmailChannel({
              url: settings.SMTP_URL,
              from: required(settings.MAIL_FROM, 'MAIL_FROM'),
              timeoutMs: settings.SMS_TIMEOUT_MS,
            })
          : new LogChannel('email'),
      },
      { log: 'log', sms: settings.SMS_PROVIDER, email: settings.SMTP_URL ? 'smtp' : 'log' },
    );
  }

  get(channel: NotificationChannel): Channel {
    return this.channels[channel];
  }

  providerOf(channel: NotificationChannel): string {
    return this.providers[channel];
  }

  async beforeApplicationShutdown() {
    await Promise.all(
      Object.values(this.channels).flatMap((channel) => (channel.close ? [channel.close()] : [])),
    );
  }
}

function smsChannel(settings: ChannelSettings): Channel {
  const timeoutMs = settings.SMS_TIMEOUT_MS;
  switch (settings.SMS_PROVIDER) {
    case 'log':
      return new LogChannel('sms');
    case 'smpp':
      return new SmppSmsProvider({
        url: required(settings.SMPP_URL, 'SMPP_URL'),
        systemId: required(settings.SMPP_SYSTEM_ID, 'SMPP_SYSTEM_ID'),
        password: required(settings.SMPP_PASSWORD, 'SMPP_PASSWORD'),
        sourceAddr: settings.SMPP_SOURCE_ADDR,
        enquireLinkMs: settings.SMPP_ENQUIRE_LINK_MS,
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
