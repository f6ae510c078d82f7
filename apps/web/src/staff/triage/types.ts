/** The API's shapes for the dispatcher's page (apps/routing triage, accused-parties, transfers, units). */

// The codes are libs/common's own, imported (that file has no dependencies).
import type { Category, Nature } from '../../../../../libs/common/src/contract/domain';

export {
  Categories as CATEGORIES,
  Natures as NATURES,
} from '../../../../../libs/common/src/contract/domain';
export type { Category, Nature };

/** One of the classifier's three best readings, with the unit the rules would give it to. */
export interface TriageSuggestion {
  nature: Nature;
  category: Category;
  probability: number;
  evidence: string[];
  unitCode: string | null;
  rule: string | null;
}

/** A party the petition accuses (被检举控告对象), as PUT /api/v1/cases/{caseNo}/accused-parties takes it. */
export interface AccusedParty {
  kind: 'UNIT' | 'OFFICIAL';
  nameAsWritten: string;
  position: string | null;
  unitCode: string | null;
}

/** One item of GET /api/v1/triage */
export interface TriageItem {
  caseNo: string;
  title: string;
  divisionCode: string;
  channel: string;
  receivedAt: string;
  triageReason: string | null;
  returns: number;
  majorReasons: string[];
  waitingSince: string;
  /** Null fields where routing did not classify (the registrar gave the category). */
  suggestion: {
    nature: Nature | null;
    category: Category | null;
    confidence: number | null;
    evidence: { nature: string[]; category: string[] } | null;
    unitCode: string | null;
    rule: string | null;
  };
  suggestions: TriageSuggestion[];
  modelVersion: string | null;
  accusedParties: AccusedParty[];
}

export interface TriageQueue {
  items: TriageItem[];
  page: number;
  pageSize: number;
  total: number;
}

/** POST /api/v1/triage/{caseNo}/decision (triage.schemas.ts) */
export interface TriageDecision {
  nature: Nature;
  category: Category;
  unitCode: string;
  reason?: string;
}

/** One item of GET /api/v1/transfers */
export interface PendingTransfer {
  id: string;
  caseNo: string;
  fromUnitCode: string;
  unitCode: string;
  reason: string;
  requestedAt: string;
}

/** One unit of GET /api/v1/units */
export interface DirectoryUnit {
  code: string;
  name: string;
  kind: string;
  level: 'PREFECTURE' | 'COUNTY' | 'TOWNSHIP';
  divisionCode: string;
  active: boolean;
}
