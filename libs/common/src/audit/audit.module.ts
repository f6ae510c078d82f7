import {
  type DynamicModule,
  type MiddlewareConsumer,
  Module,
  type NestModule,
  RequestMethod,
} from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import type { ServiceSchema } from '../database/data-source.js';
import { TRANSACTION_HOOK } from '../messaging/transactions.js';
import { AuditInterceptor, AuditScopeMiddleware } from './audit-requests.js';
import { AUDIT_SCHEMA, AuditTrail } from './audit-trail.js';

/**
 * The service's audit trail (AuditTrail, injectable anywhere), the recording of every
 * state-changing request, and the hook that writes a request's entry in its transaction.
 */
@Module({})
export class AuditModule implements NestModule {
  static forService(schema: ServiceSchema): DynamicModule {
    return {
      module: AuditModule,
      global: true,
      providers: [
        { provide: AUDIT_SCHEMA, useValue: schema },
        AuditTrail,
        { provide: TRANSACTION_HOOK, useExisting: AuditTrail },
        { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
        AuditScopeMiddleware,
      ],
      exports: [AuditTrail, TRANSACTION_HOOK],
    };
  }

  configure(consumer: MiddlewareConsumer) {
    consumer.apply(AuditScopeMiddleware).forRoutes({ path: '*path', method: RequestMethod.ALL });
  }
}
