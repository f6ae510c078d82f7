import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import {
  AcceptsLegacyFields,
  CurrentStaff,
  RequireRoles,
  ZodValidationPipe,
  type StaffUser,
} from '#common';
import {
  accountChangesSchema,
  accountSearchSchema,
  newAccountSchema,
  type AccountChanges,
  type AccountSearch,
  type NewAccount,
} from './staff-admin.schemas.js';
import { StaffAdmin } from './staff-admin.service.js';

const id = new ZodValidationPipe(z.uuid());

/** Staff accounts, for admins. Passwords never leave; a one-time password is shown once. */
@Controller('api/v1/staff')
@RequireRoles('admin')
export class StaffAdminController {
  constructor(private readonly admin: StaffAdmin) {}

  @Get()
  @AcceptsLegacyFields({ renamedInQuery: { unit: 'unitCode' } })
  list(@Query(new ZodValidationPipe(accountSearchSchema)) search: AccountSearch) {
    return this.admin.list(search);
  }

  @Get(':id')
  get(@Param('id', id) accountId: string) {
    return this.admin.get(accountId);
  }

  /** A new account; without a password in the body, a one-time password is returned. */
  @Post()
  @HttpCode(201)
  create(@Body(new ZodValidationPipe(newAccountSchema)) body: NewAccount) {
    return this.admin.create(body);
  }

  /** `{"active": false}` disables, `{"roles": […]}` re-roles, `{"unitCode": …}` moves. */
  @Patch(':id')
  update(
    @Param('id', id) accountId: string,
    @Body(new ZodValidationPipe(accountChangesSchema)) changes: AccountChanges,
    @CurrentStaff() staff: StaffUser,
  ) {
    return this.admin.update(staff, accountId, changes);
  }

  /** A one-time password, to be changed at the next sign-in; the account's sign-ins end. */
  @Post(':id/password-reset')
  @HttpCode(200)
  resetPassword(@Param('id', id) accountId: string) {
    return this.admin.resetPassword(accountId);
  }
}
