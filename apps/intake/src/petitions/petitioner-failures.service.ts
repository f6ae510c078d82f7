import { HttpStatus, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiError, EdgeLimits, type AppConfig, type LimitWindow } from '#common';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Limits on the public requests keyed by a case number and query code (tracking, evaluation,
 * 复查/复核 requests). Only failures count: a wrong code or an unknown case. A client IP that
 * failed too often is refused before its code is checked; a case whose failures are over its
 * limit answers further wrong codes with 429, but the right code always gets through, so someone
 * who knows only a case number cannot lock its petitioner out.
 */
@Injectable()
export class PetitionerFailures {
  private readonly perIp: number;
  private readonly perCase: number;

  constructor(
    private readonly limits: EdgeLimits,
    config: ConfigService<AppConfig, true>,
  ) {
    this.perIp = config.get('TRACKING_LIMIT_PER_IP_PER_MINUTE', { infer: true });
    this.perCase = config.get('TRACKING_LIMIT_PER_CASE_PER_HOUR', { infer: true });
  }

  async guard<T>(caseNo: string, clientIp: string, work: () => Promise<T>): Promise<T> {
    const ip: LimitWindow = { name: 'fail-ip', key: clientIp, limit: this.perIp, windowMs: MINUTE };
    const perCase: LimitWindow = {
      name: 'fail-case',
      key: caseNo,
      limit: this.perCase,
      windowMs: HOUR,
    };
    await this.limits.check([ip]);
    try {
      return await work();
    } catch (error) {
      if (error instanceof ApiError && error.getStatus() === (HttpStatus.NOT_FOUND as number)) {
        await this.limits.count([ip]);
        await this.limits.take([perCase]);
      }
      throw error;
    }
  }
}
