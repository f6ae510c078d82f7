import { Controller, Get, Query } from '@nestjs/common';
import { CurrentStaff, RequireRoles, ZodValidationPipe, type StaffUser } from '#common';
import { auditSearchSchema, type AuditSearch } from './audit-search.schemas.js';
import { AuditSearchService } from './audit-search.service.js';

@Controller('api/v1/audit-events')
export class AuditEventsController {
  constructor(private readonly search: AuditSearchService) {}

  /**
   * Who did or read what, in all three services: by person (`staff`: id or username), case
   * (`caseNo`), period (`from`, `to`), `action`, `outcome`, `service`. Admins see everything,
   * supervisors their unit and the units under it.
   */
  @Get()
  @RequireRoles('admin', 'supervisor')
  list(
    @Query(new ZodValidationPipe(auditSearchSchema)) filters: AuditSearch,
    @CurrentStaff() staff: StaffUser,
  ) {
    return this.search.search(staff, filters);
  }
}
