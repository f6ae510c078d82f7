import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { StaffAccount } from '../database/staff-account.entity.js';
import { AuthController } from './auth.controller.js';
import { LoginThrottle } from './login-throttle.js';
import { MeController, UnitStaffController } from './me.controller.js';
import { StaffAdminController } from './staff-admin.controller.js';
import { StaffAdmin } from './staff-admin.service.js';
import { StaffSessions } from './staff-sessions.js';
import { StaffSignIn } from './staff-sign-in.js';

/** Staff sign-in, sessions, the caller's own view and the admins' account management. */
@Module({
  imports: [TypeOrmModule.forFeature([StaffAccount])],
  controllers: [AuthController, MeController, UnitStaffController, StaffAdminController],
  providers: [LoginThrottle, StaffSessions, StaffSignIn, StaffAdmin],
})
export class StaffModule {}
