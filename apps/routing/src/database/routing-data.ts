import type { ServiceDataSourceSpec } from '#common';
import { Assignment } from './assignment.entity.js';
import { CaseFile } from './case-file.entity.js';
import { CreateRouting1763800000000 } from './migrations/1763800000000-create-routing.js';
import { UnitDirectoryView1763950000000 } from './migrations/1763950000000-unit-directory-view.js';
import { CreateClassification1764200000000 } from './migrations/1764200000000-create-classification.js';
import { CaseWorkflow1764300000000 } from './migrations/1764300000000-case-workflow.js';
import { UnitContacts1764310000000 } from './migrations/1764310000000-unit-contacts.js';
import { Supervision1764330000000 } from './migrations/1764330000000-supervision.js';
import { CompletionReport1764340000000 } from './migrations/1764340000000-completion-report.js';
import { UnitActive1764700000000 } from './migrations/1764700000000-unit-active.js';
import { TriageCorrections1764800000000 } from './migrations/1764800000000-triage-corrections.js';
import { OutboxTraceContext1764970000000 } from './migrations/1764970000000-outbox-trace-context.js';
import { AccusedParties1765100000000 } from './migrations/1765100000000-accused-parties.js';
import { AuditTrail1765300000000 } from './migrations/1765300000000-audit-trail.js';
import { StaffAuth1765350000000 } from './migrations/1765350000000-staff-auth.js';
import { StaffAccount } from './staff-account.entity.js';
import { Unit } from './unit.entity.js';

export const routingData: ServiceDataSourceSpec = {
  schema: 'routing',
  entities: [Unit, Assignment, CaseFile, StaffAccount],
  migrations: [
    CreateRouting1763800000000,
    UnitDirectoryView1763950000000,
    CreateClassification1764200000000,
    CaseWorkflow1764300000000,
    UnitContacts1764310000000,
    Supervision1764330000000,
    CompletionReport1764340000000,
    UnitActive1764700000000,
    TriageCorrections1764800000000,
    OutboxTraceContext1764970000000,
    AccusedParties1765100000000,
    AuditTrail1765300000000,
    StaffAuth1765350000000,
  ],
};
