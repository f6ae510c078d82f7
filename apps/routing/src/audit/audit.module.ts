import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { LOGIN_ROUTES, LoginAudit } from './login-audit.middleware.js';
import { AuditEventsController } from './audit-events.controller.js';
import { AuditSearchService } from './audit-search.service.js';

/** Routing's part of the audit trail: the sign-in record and the search over all three trails. */
@Module({
  controllers: [AuditEventsController],
  providers: [AuditSearchService, LoginAudit],
})
export class RoutingAuditModule implements NestModule {
  configure(consumer: MiddlewareConsumer) {
    consumer
      .apply(LoginAudit)
      .forRoutes(...LOGIN_ROUTES.map((path) => ({ path, method: RequestMethod.POST })));
  }
}
