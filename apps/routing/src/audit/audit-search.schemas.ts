import { z } from 'zod';
import { AuditOutcomes, caseNoSchema, pagingFields } from '#common';

/** The services whose chains are searched, each through its `<schema>.audit_event_v1` view. */
export const AUDITED_SERVICES = ['intake', 'routing', 'notify'] as const;

/** A China day (`2026-11-22`, the whole day) or an instant with its offset. */
const moment = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

export const auditSearchSchema = z.strictObject({
  /** Who acted: a staff account's id or username. */
  staff: z.string().trim().min(1).max(64).optional(),
  caseNo: caseNoSchema.optional(),
  /** From this instant, or the start of this China day. */
  from: moment.optional(),
  /** Up to this instant, or the end of this China day. */
  to: moment.optional(),
  /** An action exactly: `case.view`, `auth.login`, `POST /api/v1/workbench/cases/:caseNo/accept`… */
  action: z.string().min(1).max(200).optional(),
  outcome: z.enum(AuditOutcomes).optional(),
  service: z.enum(AUDITED_SERVICES).optional(),
  ...pagingFields(200, 50),
});

export type AuditSearch = z.infer<typeof auditSearchSchema>;
