import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { CurrentStaff, RequireRoles, ZodValidationPipe, type StaffUser } from '#common';
import { UrgentAlertsService } from '../duty/urgent-alerts.service.js';
import { DeadLettersService } from './dead-letters.service.js';
import {
  deadLetterQuerySchema,
  inboxQuerySchema,
  type DeadLetterQuery,
  type InboxQuery,
} from './inbox.schemas.js';
import { StaffInboxService } from './staff-inbox.service.js';

const id = new ZodValidationPipe(z.uuid());

@Controller('api/v1/notifications')
export class NotificationsController {
  constructor(
    private readonly inbox: StaffInboxService,
    private readonly deadLetters: DeadLettersService,
    private readonly urgent: UrgentAlertsService,
  ) {}

  /** The caller's inbox: their unit's notices and their own duty pages, unread first. */
  @Get()
  list(
    @Query(new ZodValidationPipe(inboxQuerySchema)) query: InboxQuery,
    @CurrentStaff() staff: StaffUser,
  ) {
    return this.inbox.list(staff, query);
  }

  /** Notifications that did not go out (dead letters): admins, and supervisors in their scope. */
  @Get('failed')
  @RequireRoles('admin', 'supervisor')
  failed(
    @Query(new ZodValidationPipe(deadLetterQuerySchema)) query: DeadLetterQuery,
    @CurrentStaff() staff: StaffUser,
  ) {
    return this.deadLetters.list(staff, query);
  }

  @Get(':id')
  detail(@Param('id', id) notificationId: string, @CurrentStaff() staff: StaffUser) {
    return this.inbox.detail(staff, notificationId);
  }

  @Post(':id/read')
  @HttpCode(200)
  read(@Param('id', id) notificationId: string, @CurrentStaff() staff: StaffUser) {
    return this.inbox.markRead(staff, notificationId);
  }

  /** The person paged for an urgent event answers; the roster's next is not paged. */
  @Post(':id/acknowledge')
  @HttpCode(200)
  acknowledge(@Param('id', id) notificationId: string, @CurrentStaff() staff: StaffUser) {
    return this.urgent.acknowledge(staff, notificationId);
  }

  @Post(':id/retry')
  @HttpCode(202)
  @RequireRoles('admin')
  retry(@Param('id', id) notificationId: string, @CurrentStaff() staff: StaffUser) {
    return this.deadLetters.retry(staff, notificationId);
  }
}
