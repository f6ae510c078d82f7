import type { Bilingual } from './client';

export type Evaluation = 'SATISFIED' | 'BASICALLY_SATISFIED' | 'DISSATISFIED';
export type ReviewStage = 'REVIEW' | 'RE_REVIEW';

export interface Receipt {
  caseNo: string;
  queryCode: string;
}

export interface PetitionerInput {
  name: string;
  idNumber: string;
  phone: string;
  verificationCode?: string;
}

export interface PublicSubmission {
  title: string;
  content: string;
  divisionCode: string;
  address: string;
  personCount: number;
  nature?: 'ACCUSATION';
  petitioners: PetitionerInput[];
}

export interface NextStep extends Bilingual {
  code: string;
}

export interface TimelineEntry {
  at: string;
  type: string;
  label?: string;
  data: Record<string, unknown>;
}

/** GET /api/v1/public/petitions/{caseNo}?queryCode=… */
export interface PublicCaseView {
  caseNo: string;
  title: string;
  status: string;
  statusLabel: string;
  receivedAt: string;
  handlingUnits: {
    name: string;
    role: string;
    roleLabel: string;
    stage: string;
    stageLabel: string;
  }[];
  deadlines: {
    kind: string;
    kindLabel: string;
    dueAt: string;
    status: string;
    provisional?: boolean;
  }[];
  replies: {
    stage: string;
    stageLabel: string;
    kind: string;
    unit: { code: string; name: string };
    legalBasis: string | null;
    text: string;
    givenAt: string;
  }[];
  evaluations: { stage: string; evaluation: Evaluation; evaluatedAt: string }[];
  canEvaluate: boolean;
  reviewRequest: { stage: ReviewStage; lastDay: string } | null;
  nextSteps: NextStep[];
  timeline: TimelineEntry[];
}

export interface StaffTokens {
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  refreshExpiresAt: string;
}

/** GET /api/v1/me */
export interface Me {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  unit: { code: string; name: string; kind: string; level: string; divisionCode: string } | null;
}

export type DeadlineLight = 'GREEN' | 'YELLOW' | 'RED';

/** One row of GET /api/v1/workbench/cases */
export interface WorkbenchCase {
  caseNo: string;
  title: string | null;
  role: 'LEAD' | 'CO_HANDLER';
  stage: string;
  status: 'ASSIGNED' | 'ACCEPTED';
  forwarding: boolean;
  assignedAt: string;
  acceptedAt: string | null;
  major: boolean;
  pendingExtension: boolean;
  deadlines: { kind: string; dueAt: string; state: DeadlineLight; provisional: boolean }[];
}

export interface WorkbenchPage {
  total: number;
  page: number;
  pageSize: number;
  items: WorkbenchCase[];
}

interface StaffPetitioner {
  name: string;
  idNumber?: string | null;
  phone?: string | null;
  masked?: boolean;
}

interface StaffTimelineEntry {
  at: string;
  service: string;
  type: string;
  data: Record<string, unknown>;
}

interface StaffReply {
  stage: string;
  unit: { code: string; name: string };
  text: string;
  givenAt: string;
}

/** GET /api/v1/petitions/{caseNo} while the case is the caller's (petitioners as the API masks them). */
export interface StaffCaseFull {
  access: 'FULL';
  status: string;
  statusLabel: string;
  petition: {
    caseNo: string;
    title: string;
    content: string | null;
    address: string | null;
    receivedAt: string;
    petitioners: StaffPetitioner[];
  };
  deadlines: {
    id: string;
    kind: string;
    kindLabel: string;
    unitCode: string;
    dueAt: string;
    status: string;
  }[];
  replies: StaffReply[];
  timeline: StaffTimelineEntry[];
}

/** The same once the unit's part has ended: identity, status and its own entries only. */
export interface StaffCaseSummary {
  access: 'SUMMARY';
  caseNo: string;
  title: string;
  status: string;
  receivedAt: string;
  petitioners: StaffPetitioner[];
  replies: StaffReply[];
  timeline: StaffTimelineEntry[];
}

export type StaffCaseView = StaffCaseFull | StaffCaseSummary;
