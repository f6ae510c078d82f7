import { timingSafeEqual } from 'node:crypto';
import { Controller, Get, Headers, Res } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Response } from 'express';
import { Public } from '../auth/decorators.js';
import type { AppConfig } from '../config/config.schema.js';
import { unauthorized } from '../http/errors.js';
import { MetricsService } from './metrics.service.js';

/**
 * Prometheus scrapes this without a staff token; it holds counts only. With METRICS_TOKEN set,
 * the scraper must send it as a bearer token.
 */
@Public()
@Controller('metrics')
export class MetricsController {
  private readonly token?: Buffer;

  constructor(
    private readonly metrics: MetricsService,
    config: ConfigService<AppConfig, true>,
  ) {
    const token = config.get('METRICS_TOKEN', { infer: true });
    if (token) this.token = Buffer.from(`Bearer ${token}`);
  }

  @Get()
  async scrape(@Headers('authorization') authorization: string | undefined, @Res() res: Response) {
    if (this.token) {
      const given = Buffer.from(authorization ?? '');
      if (given.length !== this.token.length || !timingSafeEqual(given, this.token)) {
        throw unauthorized();
      }
    }
    res.type(this.metrics.contentType).send(await this.metrics.render());
  }
}
