import { ConfigService } from '@nestjs/config';
import { ThrottlerModule } from '@nestjs/throttler';
import { RedisThrottlerStorage, type AppConfig } from '#common';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Limits on public case tracking: per client IP, and per case number whatever the IP, so a
 * query code cannot be guessed by spreading attempts over many addresses. A case that hits its
 * limit is blocked for an hour.
 */
export const trackingThrottle = ThrottlerModule.forRootAsync({
  inject: [ConfigService],
  useFactory: (config: ConfigService<AppConfig, true>) => ({
    storage: new RedisThrottlerStorage(
      config.get('REDIS_URL', { infer: true }),
      config.get('QUEUE_PREFIX', { infer: true }),
    ),
    errorMessage: 'Too many requests',
    throttlers: [
      {
        name: 'ip',
        ttl: MINUTE,
        limit: config.get('TRACKING_LIMIT_PER_IP_PER_MINUTE', { infer: true }),
      },
      {
        name: 'case',
        ttl: HOUR,
        blockDuration: HOUR,
        limit: config.get('TRACKING_LIMIT_PER_CASE_PER_HOUR', { infer: true }),
        getTracker: (req: { params?: { caseNo?: string } }) => req.params?.caseNo ?? 'none',
      },
    ],
  }),
});
