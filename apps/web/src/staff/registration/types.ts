import type { Bilingual } from '../../api/client';

/** The channels staff register (the online form registers itself). */
export const REGISTRATION_CHANNELS = ['VISIT', 'LETTER', 'PHONE', 'TRANSFERRED'] as const;
export type RegistrationChannel = (typeof REGISTRATION_CHANNELS)[number];

/** A petitioner as staff record one: a caller or a letter may give no ID number or phone. */
export interface StaffPetitionerInput {
  name: string;
  idNumber?: string;
  phone?: string;
  address?: string;
}

/** The body of POST /api/v1/petitions (intake's staffRegistrationSchema). */
export interface StaffRegistration {
  channel: RegistrationChannel;
  title: string;
  content: string;
  divisionCode: string;
  address: string;
  personCount: number;
  petitioners: StaffPetitionerInput[];
  /** When it came, if not today (ISO date-time with offset; at most 90 days back). */
  receivedAt?: string;
  transfer?: { sourceBody: string; referenceNo: string };
}

/** The answer of POST /api/v1/petitions (intake's Receipt). */
export interface StaffReceipt {
  caseNo: string;
  queryCode: string;
  /** The open case this petition repeats: it was added to that case, not routed anew. */
  repeatOf?: string;
  /** The matter was concluded by re-review: registered, not accepted again (不再受理). */
  notAcceptedAgain?: { originalCaseNo: string; reason: Bilingual };
}

/** One row of GET /api/v1/divisions?parent=… */
export interface DivisionChild {
  code: string;
  name: string;
  level: 'PROVINCE' | 'PREFECTURE' | 'COUNTY' | 'TOWNSHIP';
  hasChildren: boolean;
}

/** The answer of POST /api/v1/petitions/repeat-check (intake's RepeatCheck). */
export interface RepeatCheckAnswer {
  original: {
    caseNo: string;
    outcome: 'REPEAT' | 'LINKED_TO_CONCLUDED' | 'NOT_ACCEPTED_AGAIN';
  } | null;
}
