import type { NextFunction, Request, Response } from 'express';
import { httpDuration } from '../metrics/metrics.js';

/**
 * Times every request by its route template (`/api/v1/petitions/:caseNo`), never its path: a path
 * holds case numbers, and unmatched paths would make a series each.
 */
export function httpMetrics(req: Request, res: Response, next: NextFunction): void {
  const stop = httpDuration.startTimer();
  res.once('finish', () => {
    stop({ method: req.method, route: routeOf(req), status: String(res.statusCode) });
  });
  next();
}

function routeOf(req: Request): string {
  const route = req.route as { path?: unknown } | undefined;
  if (typeof route?.path === 'string') return `${req.baseUrl}${route.path}`;
  return 'unmatched';
}
