import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import {
  CurrentStaff,
  DocumentedRequest,
  RequireRoles,
  Roles,
  ZodValidationPipe,
  type StaffUser,
} from '#common';
import { calendarNoticeSchema } from './calendar-notice.js';
import { yearParam } from './calendar.schemas.js';
import { CalendarNoticesService } from './calendar-notices.service.js';

/** The holiday calendar deadlines are counted on, one year at a time. */
@Controller('api/v1/calendar')
export class CalendarController {
  constructor(private readonly notices: CalendarNoticesService) {}

  /** An admin loads the year's State Council notice (国务院办公厅关于…节假日安排的通知). */
  @Put(':year')
  @RequireRoles('admin')
  // Validated by the service as the CLI's calendar:load validates a file; the path gives the year.
  @DocumentedRequest({ body: calendarNoticeSchema.partial({ year: true }) })
  load(
    @Param(new ZodValidationPipe(yearParam)) forYear: number,
    @Body() body: unknown,
    @CurrentStaff() staff: StaffUser,
  ) {
    return this.notices.load(staff, forYear, body);
  }

  /** Any staff member reads a year: official, or provisional until its notice is loaded. */
  @Get(':year')
  @RequireRoles(...Roles)
  get(@Param(new ZodValidationPipe(yearParam)) forYear: number) {
    return this.notices.get(forYear);
  }
}
