import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '#common';
import { CHANNEL_SETTINGS, DeliveryChannels, type ChannelSettings } from './delivery-channels.js';

/** SMS (log, SMPP, Alibaba Cloud or Tencent Cloud), email (SMTP or log) and the log. */
@Module({
  providers: [
    {
      provide: DeliveryChannels,
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfig, true>) =>
        DeliveryChannels.fromSettings(
          Object.fromEntries(
            CHANNEL_SETTINGS.map((key) => [key, config.get(key, { infer: true })]),
          ) as ChannelSettings,
        ),
    },
  ],
  exports: [DeliveryChannels],
})
export class ChannelsModule {}
