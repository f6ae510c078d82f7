import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { StaffAccount } from '../database/staff-account.entity.js';
import { AuthController } from './auth.controller.js';
import { StaffAccountsService } from './staff-accounts.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([StaffAccount])],
  controllers: [AuthController],
  providers: [StaffAccountsService],
})
export class StaffModule {}
