import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '#common';
import {
  CHANNEL_SETTINGS,
  DeliveryChannelsService,
  type ChannelSettings,
} from './delivery-channels.service.js';

/** SMS (log, SMPP, Alibaba Cloud or Tencent Cloud), email (SMTP or log) and the log. */
@Module({
  providers: [
    {
      provide: DeliveryChannelsService,
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfig, true>) =>
        DeliveryChannelsService.fromSettings(
          Object.fromEntries(
            CHANNEL_SETTINGS.map((key) => [key, config.get(key, { infer: true })]),
          ) as ChannelSettings,
        ),
    },
  ],
  exports: [DeliveryChannelsService],
})
export class ChannelsModule {}
