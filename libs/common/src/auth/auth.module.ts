import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import type { AppConfig } from '../config/config.schema.js';
import { AccountCheck } from './account-check.js';
import { StaffAuthGuard } from './staff-auth.guard.js';

/** Staff tokens: issued by routing (which owns the staff accounts), verified by every service. */
@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfig, true>) => ({
        secret: config.get('JWT_SECRET', { infer: true }),
        signOptions: {
          expiresIn: config.get('JWT_TTL_SECONDS', { infer: true }),
          issuer: 'xinfang',
        },
        verifyOptions: { issuer: 'xinfang', algorithms: ['HS256'] },
      }),
    }),
  ],
  providers: [AccountCheck, { provide: APP_GUARD, useClass: StaffAuthGuard }],
  exports: [JwtModule, AccountCheck],
})
export class AuthModule {}
