import { Module } from '@nestjs/common';
import { AuthController } from './auth.controller.js';
import { LoginThrottle } from './login-throttle.service.js';
import { MeController, UnitStaffController } from './me.controller.js';
import { StaffAdminController } from './staff-admin.controller.js';
import { StaffAdmin } from './staff-admin.service.js';
import { StaffSessions } from './staff-sessions.service.js';
import { StaffSignIn } from './staff-sign-in.service.js';

/** Staff sign-in, sessions, the caller's own view and the admins' account management. */
@Module({
  controllers: [AuthController, MeController, UnitStaffController, StaffAdminController],
  providers: [LoginThrottle, StaffSessions, StaffSignIn, StaffAdmin],
})
export class StaffModule {}
