import { Module } from '@nestjs/common';
import { DeadlineMetricsService } from './deadline-metrics.service.js';

/** notify's own Prometheus figures, counted in its tables when scraped. */
@Module({ providers: [DeadlineMetricsService] })
export class MetricsModule {}
