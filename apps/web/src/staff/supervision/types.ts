import type { DeadlineLight } from '../../api/types';

/** One row of GET /api/v1/supervision/urgent: an overdue or near-due deadline (no personal data). */
export interface UrgentDeadline {
  caseNo: string;
  title: string | null;
  unit: { code: string; name: string };
  kind: string;
  dueAt: string;
  state: DeadlineLight;
  provisional: boolean;
  /** Whether the unit leads the case now: a notice goes to the lead unit. */
  leads: boolean;
  /** Supervision notices to this unit on the case still awaiting its answer. */
  openSupervisions: number;
}

export interface UrgentPage {
  total: number;
  page: number;
  pageSize: number;
  items: UrgentDeadline[];
}

/** POST /api/v1/supervision (routing supervision.schemas.ts issueSchema). */
export interface SupervisionIssue {
  caseNo: string;
  instructions: string;
}

/** One notice of GET /api/v1/cases/{caseNo}/supervisions. */
export interface SupervisionNotice {
  id: string;
  unitCode: string;
  supervisingUnitCode: string;
  source: 'OVERDUE' | 'SUPERVISOR';
  deadlineKind: string | null;
  instructions: string;
  issuedAt: string;
  answerDueAt: string;
  status: 'OPEN' | 'ANSWERED';
  answer: string | null;
  answeredAt: string | null;
}

export interface CaseSupervisions {
  caseNo: string;
  items: SupervisionNotice[];
}
