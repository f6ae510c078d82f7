import type { ServiceDataSourceSpec } from '#common';
import { Attachment } from '../attachments/attachment.entity.js';
import { Division } from '../divisions/division.entity.js';
import { importDivisions } from '../divisions/division-import.js';
import { CreateIntake1763800000000 } from './migrations/1763800000000-create-intake.js';
import { CreateDivision1763900000000 } from './migrations/1763900000000-create-division.js';
import { CreateHotspot1763950000000 } from './migrations/1763950000000-create-hotspot.js';
import { CreateAttachment1764000000000 } from './migrations/1764000000000-create-attachment.js';
import { RoutingViewText1764200000000 } from './migrations/1764200000000-routing-view-text.js';
import { CaseOutcomes1764320000000 } from './migrations/1764320000000-case-outcomes.js';
import { TransferView1764340000000 } from './migrations/1764340000000-transfer-view.js';
import { PetitionerContactView1764610000000 } from './migrations/1764610000000-petitioner-contact-view.js';
import { RoutingViewWeight1764810000000 } from './migrations/1764810000000-routing-view-weight.js';
import { OutboxTraceContext1764970000000 } from './migrations/1764970000000-outbox-trace-context.js';
import { AuditTrail1765300000000 } from './migrations/1765300000000-audit-trail.js';
import { PhoneVerification1765400000000 } from './migrations/1765400000000-phone-verification.js';
import { PhoneKind1765700000000 } from './migrations/1765700000000-phone-kind.js';
import { RoutingViewRepeatOf1765800000000 } from './migrations/1765800000000-routing-view-repeat-of.js';
import { StoredMatterTerms1765950000000 } from './migrations/1765950000000-stored-matter-terms.js';
import { StatusOrder1766100000000 } from './migrations/1766100000000-status-order.js';
import { Petition } from './petition.entity.js';
import { Petitioner } from './petitioner.entity.js';

export const intakeData: ServiceDataSourceSpec = {
  schema: 'intake',
  entities: [Petition, Petitioner, Division, Attachment],
  migrations: [
    CreateIntake1763800000000,
    CreateDivision1763900000000,
    CreateHotspot1763950000000,
    CreateAttachment1764000000000,
    RoutingViewText1764200000000,
    CaseOutcomes1764320000000,
    TransferView1764340000000,
    PetitionerContactView1764610000000,
    RoutingViewWeight1764810000000,
    OutboxTraceContext1764970000000,
    AuditTrail1765300000000,
    PhoneVerification1765400000000,
    PhoneKind1765700000000,
    RoutingViewRepeatOf1765800000000,
    StoredMatterTerms1765950000000,
    StatusOrder1766100000000,
  ],
  // The NBS administrative divisions that divisionCode is checked against.
  referenceData: importDivisions,
};
