import {
  pageOffset,
  type Category,
  type Channel,
  type DeadlineKind,
  type Nature,
  type PublishedAuditEventRow,
} from '#common';
import type { EntityManager } from 'typeorm';
import type { Suggestion } from '../assignments/petition-router.js';
import { AUDITED_SERVICES, type AuditSearch } from '../audit/audit-search.schemas.js';

/** A petition as intake publishes it for routing (intake.petition_for_routing_v1). */
export interface PetitionForRouting {
  case_no: string;
  channel: Channel;
  division_code: string;
  person_count: number;
  nature: Nature | null;
  category: Category | null;
  title: string;
  content: string;
  repeat_count: number;
  transfer_source_body: string | null;
  /** The answered case this petition raises again, if any. */
  repeat_of: string | null;
}

export interface WorkbenchCaseRow {
  assignment_id: string;
  case_no: string;
  title: string | null;
  role: string;
  stage: string;
  status: string;
  forwarding: boolean;
  assigned_at: Date;
  accepted_at: Date | null;
  major_reasons: string[];
  responsible_leader_id: string | null;
  pending_extension: boolean;
  deadlines: { kind: string; dueAt: string; provisional: boolean }[];
  supervisions: { id: string; instructions: string; answerDueAt: string }[];
  total: string;
}

/** An open deadline of a unit in a territory that is near due or overdue. */
export interface UrgentDeadlineRow {
  case_no: string;
  title: string | null;
  unit_code: string;
  unit_name: string;
  kind: DeadlineKind;
  due_at: Date;
  provisional: boolean;
  /** Whether the unit leads the case now: a supervisor's notice (督办) goes to the lead. */
  leads: boolean;
  /** The supervision notices (督办) on the case to this unit still awaiting its answer. */
  open_supervisions: number;
  total: string;
}

export interface TriageQueueRow {
  case_no: string;
  title: string;
  division_code: string;
  channel: string;
  received_at: Date;
  triage_reason: string | null;
  returns: number;
  major_reasons: string[];
  waiting_since: Date;
  given_nature: Nature | null;
  given_category: Category | null;
  nature: Nature | null;
  category: Category | null;
  confidence: string | null;
  evidence: { nature: string[]; category: string[] } | null;
  suggested_unit_code: string | null;
  suggested_rule: string | null;
  suggestions: Suggestion[] | null;
  model_version: string | null;
  accused: {
    kind: string;
    nameAsWritten: string;
    position: string | null;
    unitCode: string | null;
  }[];
  total: string;
}

export interface CorrectionRow {
  case_no: string;
  triage_reason: string | null;
  predicted_nature: string | null;
  predicted_category: string | null;
  predicted_unit_code: string | null;
  confirmed_nature: string;
  confirmed_category: string;
  confirmed_unit_code: string;
  reason: string | null;
  dispatcher_id: string;
  decided_at: Date;
  total: string;
}

export interface CorrectionSummaryRow {
  decisions: number;
  nature_agreed: number;
  category_agreed: number;
  unit_agreed: number;
}

/** An entry of one service's trail, as routing's audit search reads it. */
export interface AuditEventRow extends PublishedAuditEventRow {
  service: (typeof AUDITED_SERVICES)[number];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

const CORRECTIONS_OF_TERRITORY = `FROM routing.classification_correction k
       JOIN intake.petition_for_routing_v1 p ON p.id = k.petition_id
       WHERE p.division_code LIKE $1 || '%'`;

/**
 * Every read of the versioned views other services publish (intake.petition_for_routing_v1,
 * intake.petition_transfer_v1, notify.case_deadline_v1, the services' audit_event_v1), alone or
 * joined with routing's tables: the one place routing depends on another service's data.
 */
export class PublishedViewsRepository {
  constructor(private readonly manager: EntityManager) {}

  // Committed by intake before the job was published, so the row is there.
  async petitionForRouting(petitionId: string): Promise<PetitionForRouting | undefined> {
    const [petition] = await this.manager.query<PetitionForRouting[]>(
      `SELECT case_no, channel, division_code, person_count, nature, category, title, content,
              repeat_count, transfer_source_body, repeat_of
       FROM intake.petition_for_routing_v1 WHERE id = $1`,
      [petitionId],
    );
    return petition;
  }

  /** The division of the place a petition is about. */
  async divisionOfPetition(petitionId: string): Promise<string | undefined> {
    const [petition] = await this.manager.query<{ division_code: string }[]>(
      `SELECT division_code FROM intake.petition_for_routing_v1 WHERE id = $1`,
      [petitionId],
    );
    return petition?.division_code;
  }

  /** The date a higher level set for the result of a case it assigned (交办), if any. */
  async reportBackDueOn(petitionId: string): Promise<string | null> {
    const [transfer] = await this.manager.query<{ due: string | null }[]>(
      `SELECT report_back_due_on::text AS due FROM intake.petition_transfer_v1 WHERE petition_id = $1`,
      [petitionId],
    );
    return transfer?.due ?? null;
  }

  /** The case of a territory (division prefix) with its text; undefined outside it. */
  async caseInTerritory(
    caseNo: string,
    territory: string,
  ): Promise<{ petition_id: string; title: string; content: string } | undefined> {
    const [found] = await this.manager.query<
      { petition_id: string; title: string; content: string }[]
    >(
      `SELECT cf.petition_id, p.title, p.content FROM routing.case_file cf
       JOIN intake.petition_for_routing_v1 p ON p.id = cf.petition_id
       WHERE cf.case_no = $1 AND p.division_code LIKE $2 || '%'`,
      [caseNo, territory],
    );
    return found;
  }

  /**
   * A unit's open cases with their open deadlines (notify's clocks) and open supervision
   * notices, the nearest deadline first; cases whose clocks have not opened yet come last.
   */
  workbenchCases(
    unitCode: string,
    status: string | null,
    limit: number,
    offset: number,
  ): Promise<WorkbenchCaseRow[]> {
    return this.manager.query<WorkbenchCaseRow[]>(
      `SELECT a.id AS assignment_id, a.case_no, p.title, a.role, a.stage, a.status, a.forwarding,
              a.assigned_at, a.accepted_at, f.major_reasons, f.responsible_leader_id,
              EXISTS (SELECT 1 FROM routing.extension_request e
                      WHERE e.assignment_id = a.id AND e.status = 'PENDING') AS pending_extension,
              COALESCE(d.deadlines, '[]') AS deadlines, d.first_due,
              COALESCE((SELECT json_agg(json_build_object('id', s.id, 'instructions', s.instructions,
                                                          'answerDueAt', s.answer_due_at))
                        FROM routing.supervision s
                        WHERE s.petition_id = a.petition_id AND s.unit_code = a.unit_code
                          AND s.status = 'OPEN'), '[]') AS supervisions,
              count(*) OVER () AS total
       FROM routing.assignment a
       JOIN routing.case_file f ON f.petition_id = a.petition_id
       LEFT JOIN intake.petition_for_routing_v1 p ON p.id = a.petition_id
       LEFT JOIN LATERAL (
         SELECT json_agg(json_build_object('kind', kind, 'dueAt', due_at, 'provisional', provisional)
                         ORDER BY due_at) AS deadlines,
                min(due_at) AS first_due
         FROM notify.case_deadline_v1
         WHERE petition_id = a.petition_id AND unit_code = a.unit_code AND status = 'OPEN'
       ) d ON true
       WHERE a.unit_code = $1 AND a.status IN ('ASSIGNED', 'ACCEPTED')
         AND ($2::text IS NULL OR a.status = $2)
       ORDER BY d.first_due NULLS LAST, a.assigned_at
       LIMIT $3 OFFSET $4`,
      [unitCode, status, limit, offset],
    );
  }

  /**
   * The open deadlines (notify's clocks) of the units of a territory that end before `until`,
   * the most urgent (longest overdue) first.
   */
  urgentDeadlines(
    territory: string,
    until: Date,
    limit: number,
    offset: number,
  ): Promise<UrgentDeadlineRow[]> {
    return this.manager.query<UrgentDeadlineRow[]>(
      `SELECT d.case_no, p.title, d.unit_code, u.name AS unit_name, d.kind, d.due_at,
              d.provisional,
              EXISTS (SELECT 1 FROM routing.assignment a
                      WHERE a.petition_id = d.petition_id AND a.unit_code = d.unit_code
                        AND a.role = 'LEAD' AND a.status IN ('ASSIGNED', 'ACCEPTED')) AS leads,
              (SELECT count(*)::int FROM routing.supervision s
                WHERE s.petition_id = d.petition_id AND s.unit_code = d.unit_code
                  AND s.status = 'OPEN') AS open_supervisions,
              count(*) OVER () AS total
       FROM notify.case_deadline_v1 d
       JOIN routing.unit u ON u.code = d.unit_code
       LEFT JOIN intake.petition_for_routing_v1 p ON p.id = d.petition_id
       WHERE d.status = 'OPEN' AND d.due_at < $2 AND u.division_code LIKE $1 || '%'
       ORDER BY d.due_at, d.case_no, d.kind
       LIMIT $3 OFFSET $4`,
      [territory, until, limit, offset],
    );
  }

  /** The cases of a territory waiting in triage, longest waiting first. */
  triageQueue(territory: string, limit: number, offset: number): Promise<TriageQueueRow[]> {
    return this.manager.query<TriageQueueRow[]>(
      `SELECT cf.case_no, p.title, p.division_code, p.channel, p.received_at, cf.triage_reason,
              cf.returns, cf.major_reasons, cf.updated_at AS waiting_since,
              p.nature AS given_nature, p.category AS given_category,
              c.nature, c.category, c.confidence, c.evidence, c.suggested_unit_code,
              c.suggested_rule, c.suggestions, c.model_version,
              COALESCE((SELECT json_agg(json_build_object(
                          'kind', a.kind, 'nameAsWritten', a.name_as_written,
                          'position', a.position, 'unitCode', a.unit_code)
                          ORDER BY a.recorded_at)
                        FROM routing.accused_party a
                        WHERE a.petition_id = cf.petition_id AND a.withdrawn_at IS NULL),
                       '[]') AS accused,
              count(*) OVER () AS total
       FROM routing.case_file cf
       JOIN intake.petition_for_routing_v1 p ON p.id = cf.petition_id
       LEFT JOIN routing.classification c ON c.petition_id = cf.petition_id
       WHERE cf.awaiting_triage AND p.division_code LIKE $1 || '%'
       ORDER BY cf.updated_at, cf.case_no
       LIMIT $2 OFFSET $3`,
      [territory, limit, offset],
    );
  }

  /** How often the dispatchers of a territory agreed with the prediction. */
  async correctionSummary(territory: string): Promise<CorrectionSummaryRow | undefined> {
    const [summary] = await this.manager.query<CorrectionSummaryRow[]>(
      `SELECT count(*)::int AS decisions,
              count(*) FILTER (WHERE predicted_nature = confirmed_nature)::int AS nature_agreed,
              count(*) FILTER (WHERE predicted_category = confirmed_category)::int AS category_agreed,
              count(*) FILTER (WHERE predicted_unit_code = confirmed_unit_code)::int AS unit_agreed
       ${CORRECTIONS_OF_TERRITORY}`,
      [territory],
    );
    return summary;
  }

  /** The triage decisions of a territory, newest first. */
  corrections(territory: string, limit: number, offset: number): Promise<CorrectionRow[]> {
    return this.manager.query<CorrectionRow[]>(
      `SELECT k.case_no, k.triage_reason, k.predicted_nature, k.predicted_category,
              k.predicted_unit_code, k.confirmed_nature, k.confirmed_category,
              k.confirmed_unit_code, k.reason, k.dispatcher_id, k.decided_at
       ${CORRECTIONS_OF_TERRITORY}
       ORDER BY k.decided_at DESC, k.case_no
       LIMIT $2 OFFSET $3`,
      [territory, limit, offset],
    );
  }

  /**
   * A page of the audit events of the services that pass the filters, newest first, and how
   * many pass. With `staffOfUnit`, only the entries of staff of that unit and the units under it.
   */
  async auditEvents(
    filters: AuditSearch,
    staffOfUnit: string | null,
  ): Promise<{ total: number; rows: AuditEventRow[] }> {
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const conditions: string[] = [];
    if (filters.staff !== undefined) {
      conditions.push(
        UUID.test(filters.staff)
          ? `e.actor_id = ${param(filters.staff)}::uuid`
          : `e.actor_username = ${param(filters.staff)}`,
      );
    }
    if (filters.caseNo !== undefined) conditions.push(`e.case_no = ${param(filters.caseNo)}`);
    if (filters.from !== undefined) {
      conditions.push(
        isDay(filters.from)
          ? `e.occurred_at >= (${param(filters.from)}::date)::timestamp AT TIME ZONE 'Asia/Shanghai'`
          : `e.occurred_at >= ${param(filters.from)}::timestamptz`,
      );
    }
    if (filters.to !== undefined) {
      conditions.push(
        isDay(filters.to)
          ? `e.occurred_at < (${param(filters.to)}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`
          : `e.occurred_at <= ${param(filters.to)}::timestamptz`,
      );
    }
    if (filters.action !== undefined) conditions.push(`e.action = ${param(filters.action)}`);
    if (filters.outcome !== undefined) conditions.push(`e.outcome = ${param(filters.outcome)}`);
    if (staffOfUnit !== null) {
      const unit = param(staffOfUnit);
      conditions.push(`e.actor_unit IN (SELECT u.code FROM routing.unit_directory_v1 u
                                         WHERE u.code = ${unit} OR ${unit} = ANY (u.ancestors))`);
    }
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    const services = filters.service ? [filters.service] : AUDITED_SERVICES;
    const union = services
      .map(
        (service) => `SELECT '${service}' AS service, e.seq, e.id, e.occurred_at, e.actor_id,
                        e.actor_username, e.actor_unit, e.client_ip, e.action, e.outcome,
                        e.case_no, e.target_type, e.target_id, e.status, e.detail,
                        e.correlation_id
                      FROM ${service}.audit_event_v1 e ${where}`,
      )
      .join(' UNION ALL ');
    const [counted] = await this.manager.query<{ total: string }[]>(
      `SELECT count(*) AS total FROM (${union}) x`,
      params,
    );
    const rows = await this.manager.query<AuditEventRow[]>(
      `SELECT x.* FROM (${union}) x
       ORDER BY x.occurred_at DESC, x.service, x.seq DESC
       LIMIT ${param(filters.pageSize)} OFFSET ${param(pageOffset(filters))}`,
      params,
    );
    return { total: Number(counted?.total ?? 0), rows };
  }
}
