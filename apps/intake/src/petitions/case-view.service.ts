import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import {
  ASSIGNMENT_ROLE_LABELS,
  AuditActions,
  AuditTrail,
  CASE_STAGE_LABELS,
  chinaIsoTime,
  DEADLINE_KIND_LABELS,
  PETITION_STATUS_LABELS,
  zhLabel,
  PROVISIONAL_DEADLINE_LABEL,
  StatutoryDeadlineKinds,
  type DeadlineKind,
  type StaffUser,
} from '#common';
import { evaluationsOf } from '../feedback/feedback.repository.js';
import { latestReplyStage, reviewEligibility } from '../feedback/review-window.js';
import { Petition } from '../database/petition.entity.js';
import { Petitioner } from '../database/petitioner.entity.js';
import { CaseLookup, type StaffCase } from './case-lookup.service.js';
import {
  CaseReadRepository,
  type AssignmentRow,
  type DeadlineRow,
  type ReplyRow,
  type TimelineRow,
} from './case-read.repository.js';
import { PetitionerRecords } from './petitioner-records.service.js';
import { nextSteps, publicStatus, publicTimelineEntry } from './public-view.js';

/** Everything about one case, for staff; the part a petitioner may see, for the public. */
@Injectable()
export class CaseViewService {
  constructor(
    @InjectRepository(Petition) private readonly petitions: Repository<Petition>,
    @InjectRepository(Petitioner) private readonly petitioners: Repository<Petitioner>,
    private readonly reads: CaseReadRepository,
    private readonly lookup: CaseLookup,
    private readonly records: PetitionerRecords,
    private readonly audit: AuditTrail,
  ) {}

  /**
   * The whole case (`access: 'FULL'`), or for a unit whose assignment ended only its own part
   * (`access: 'SUMMARY'`). Personal data is shown as caseAccess says; the petition's text is
   * withheld from a unit the petition accuses or one under it.
   */
  async forStaff(caseNo: string, staff: StaffUser) {
    const found = await this.lookup.forStaff(caseNo, staff);
    if (found.access.view === 'SUMMARY') return this.summaryForStaff(found, staff);
    const { petition, assignments, access } = found;
    const [petitioners, deadlines, notifications, timeline, replies] = await Promise.all([
      this.petitioners.find({ where: { petitionId: petition.id }, order: { position: 'ASC' } }),
      this.reads.deadlines(petition.id),
      this.reads.notifications(petition.id),
      this.reads.timeline(petition.id),
      this.reads.replies(petition.id),
    ]);
    const people = petitioners.map((row) => this.records.display(row, access.personalData));
    const { queryCodeHash: _secret, repeatOf, ...details } = petition;
    const original = repeatOf ? await this.petitions.findOneBy({ id: repeatOf }) : null;
    // Names in the clear (MASKED), with ID numbers, phones and addresses too (FULL): recorded
    // before anything is shown, so a view that cannot be recorded shows nothing.
    if (access.personalData !== 'HIDDEN' && petitioners.length > 0) {
      await this.audit.record(undefined, {
        action: AuditActions.CaseView,
        actor: staff,
        caseNo: petition.caseNo,
        target: { type: 'petition', id: petition.id },
        detail: { personalData: access.personalData, petitioners: petitioners.length },
      });
    }
    return {
      access: 'FULL' as const,
      petition: {
        ...details,
        // The accusation itself (检举控告材料) never reaches the accused.
        content: access.materials ? details.content : null,
        contentWithheld: !access.materials,
        // Where the matter arose may be where the accuser lives.
        address: access.personalData === 'HIDDEN' ? null : details.address,
        repeatOf: original?.caseNo ?? null,
        petitioners: people,
      },
      status: petition.status,
      statusLabel: zhLabel(PETITION_STATUS_LABELS, petition.status),
      assignments: assignments.map(toAssignment),
      replies: replies.map(toReply),
      deadlines: deadlines.map((d) => ({
        id: d.id,
        kind: d.kind,
        kindLabel: zhLabel(DEADLINE_KIND_LABELS, d.kind),
        unitCode: d.unit_code,
        startsAt: d.starts_at,
        dueAt: d.due_at,
        status: d.status,
        closedAt: d.closed_at,
        ...provisionalMark(d),
      })),
      notifications: notifications.map((n) => ({
        id: n.id,
        channel: n.channel,
        recipientKind: n.recipient_kind,
        recipient: n.recipient,
        // A petitioner's SMS: the phone it went to, as the caller may see the petitioner's.
        ...(n.recipient_kind === 'PETITIONER' && {
          to: people[petitioners.findIndex((p) => p.id === n.recipient)]?.phone ?? null,
        }),
        template: n.template,
        subject: n.subject,
        text: n.text,
        status: n.status,
        createdAt: n.created_at,
        sentAt: n.sent_at,
      })),
      timeline: timeline.map(toTimelineEntry),
    };
  }

  /**
   * What a unit keeps once its assignment was declined, returned, transferred away or closed: the
   * case's identity and status, and its own assignments, replies and timeline entries. No text,
   * no address, no personal data beyond masked names, no attachments, nothing of other units.
   */
  private async summaryForStaff({ petition, assignments }: StaffCase, staff: StaffUser) {
    const unit = staff.unitCode;
    const [petitioners, timeline, replies] = await Promise.all([
      this.petitioners.find({ where: { petitionId: petition.id }, order: { position: 'ASC' } }),
      this.reads.timeline(petition.id),
      this.reads.replies(petition.id),
    ]);
    return {
      access: 'SUMMARY' as const,
      caseNo: petition.caseNo,
      title: petition.title,
      status: petition.status,
      receivedAt: petition.receivedAt,
      divisionCode: petition.divisionCode,
      petitioners: petitioners.map((row) => this.records.maskedName(row)),
      assignments: assignments.filter((a) => a.unit_code === unit).map(toAssignment),
      replies: replies.filter((r) => r.unit_code === unit).map(toReply),
      timeline: timeline.filter((t) => isEntryOf(t, unit)).map(toTimelineEntry),
    };
  }

  async forPetitioner(caseNo: string, queryCode: string) {
    const petition = await this.lookup.forPetitioner(caseNo, queryCode);
    const [assignments, deadlines, timeline, replies, evaluations] = await Promise.all([
      this.reads.assignments(petition.id),
      this.reads.deadlines(petition.id),
      this.reads.timeline(petition.id),
      this.reads.replies(petition.id),
      evaluationsOf(this.petitions.manager, petition.id),
    ]);
    const open = assignments.filter((a) => a.status === 'ASSIGNED' || a.status === 'ACCEPTED');
    const review = reviewEligibility(petition, new Date());
    const replyStage = latestReplyStage(petition);
    const statutory = deadlines.filter((d) => isStatutoryDeadline(d.kind));
    const status = publicStatus(petition.status);
    const canEvaluate = replyStage !== null && !evaluations.some((e) => e.stage === replyStage);
    const reviewRequest =
      'stage' in review ? { stage: review.stage, lastDay: review.lastDay } : null;
    return {
      caseNo: petition.caseNo,
      title: petition.title,
      status,
      statusLabel: zhLabel(PETITION_STATUS_LABELS, status),
      receivedAt: chinaIsoTime(petition.receivedAt),
      handlingUnits: open.map((a) => ({
        name: a.unit_name,
        role: a.role,
        roleLabel: zhLabel(ASSIGNMENT_ROLE_LABELS, a.role),
        stage: a.stage,
        stageLabel: zhLabel(CASE_STAGE_LABELS, a.stage),
      })),
      // The law's time limits; a bureau's dates for a unit (交办, 督办) are between them.
      deadlines: statutory.map((d) => ({
        kind: d.kind,
        kindLabel: zhLabel(DEADLINE_KIND_LABELS, d.kind),
        dueAt: chinaIsoTime(d.due_at),
        status: d.status,
        ...provisionalMark(d),
      })),
      replies: replies.map((r) => ({
        ...toReply(r),
        stageLabel: zhLabel(CASE_STAGE_LABELS, r.stage),
        givenAt: chinaIsoTime(r.given_at),
      })),
      evaluations: evaluations.map((e) => ({ ...e, evaluatedAt: chinaIsoTime(e.evaluatedAt) })),
      // What the petitioner may do next, and until when.
      canEvaluate,
      reviewRequest,
      nextSteps: nextSteps({
        status,
        leadUnitName: open.find((a) => a.role === 'LEAD')?.unit_name ?? null,
        openDeadlines: statutory
          .filter((d) => d.status === 'OPEN')
          .map((d) => ({ kind: d.kind as DeadlineKind, dueAt: d.due_at })),
        canEvaluate,
        reviewRequest,
      }),
      timeline: timeline
        .filter((t) => t.visible_to_petitioner)
        .map((t) => publicTimelineEntry(toTimelineEntry(t)))
        .filter((t) => t !== null),
    };
  }
}

/** Whether a deadline may still move with next year's holiday notice, and the words for it. */
function provisionalMark(d: DeadlineRow) {
  return {
    provisional: d.provisional,
    ...(d.provisional && { provisionalNote: PROVISIONAL_DEADLINE_LABEL }),
  };
}

function isStatutoryDeadline(kind: string): boolean {
  return (StatutoryDeadlineKinds as readonly string[]).includes(kind);
}

function toAssignment(a: AssignmentRow) {
  return {
    id: a.assignment_id,
    role: a.role,
    stage: a.stage,
    status: a.status,
    rule: a.rule,
    assignedAt: a.assigned_at,
    acceptedAt: a.accepted_at,
    closedAt: a.closed_at,
    unit: {
      code: a.unit_code,
      name: a.unit_name,
      kind: a.unit_kind,
      level: a.unit_level,
      divisionCode: a.unit_division_code,
      categories: a.unit_categories,
    },
  };
}

function toReply(r: ReplyRow) {
  return {
    stage: r.stage,
    kind: r.kind,
    unit: { code: r.unit_code, name: r.unit_name },
    legalBasis: r.legal_basis,
    text: r.text,
    givenAt: r.given_at,
  };
}

/** A unit's own entry: one about its assignment, its deadline or its request (转办申请). */
function isEntryOf(entry: TimelineRow, unitCode: string): boolean {
  return entry.data['unitCode'] === unitCode || entry.data['from'] === unitCode;
}

function toTimelineEntry(t: TimelineRow) {
  return { at: t.occurred_at, service: t.service, type: t.type, data: t.data };
}
