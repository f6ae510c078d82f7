import { chinaDateOf, chinaIsoTime, type DeadlineKind } from '#common';

/**
 * What a public answer may say about a case. Only the petitioner's own case is shown, and of it
 * nothing that tells about another case (a repeat's original, a similarity score), nor how the
 * case was routed inside (rule names, evidence, confidence, staff). Entry types not listed here
 * are not shown at all, so a new internal entry cannot leak by default.
 */
const PUBLIC_ENTRIES: Readonly<Record<string, { label: string; fields: readonly string[] }>> = {
  'petition.received': { label: '收到信访事项', fields: ['channel'] },
  'petition.assigned': { label: '转送交办', fields: ['unitName', 'role', 'stage'] },
  'petition.legal-channel': { label: '引导通过法定途径处理', fields: ['channel', 'guidance'] },
  'case.accepted': { label: '受理', fields: ['stage'] },
  'case.declined': { label: '不予受理', fields: ['stage', 'ground'] },
  'case.concluded': { label: '作出处理意见', fields: ['stage'] },
  'case.extended': { label: '延长办理期限', fields: ['days', 'reason'] },
  'deadline.opened': { label: '开始计算期限', fields: ['kind', 'dueAt', 'provisional'] },
  'deadline.extended': { label: '期限延长', fields: ['kind', 'days', 'dueAt'] },
  'deadline.moved': {
    label: '期限按节假日调整',
    fields: ['kind', 'dueAt', 'previousDueAt', 'provisional'],
  },
  'reply.evaluated': { label: '评价答复', fields: ['stage', 'evaluation'] },
  'review.requested': { label: '申请复查或复核', fields: ['stage'] },
  'attachment.added': {
    label: '添加材料',
    fields: ['attachmentId', 'contentType', 'sizeBytes', 'by'],
  },
};

export interface TimelineEntryView {
  at: Date;
  service: string;
  type: string;
  data: Record<string, unknown>;
}

/** The entries a petitioner sees, each with only its public fields; null when not shown. */
export function publicTimelineEntry(entry: TimelineEntryView) {
  const shown = PUBLIC_ENTRIES[entry.type];
  if (!shown) return null;
  const data: Record<string, unknown> = {};
  for (const field of shown.fields) {
    if (entry.data[field] !== undefined) data[field] = entry.data[field];
  }
  return { at: chinaIsoTime(entry.at), type: entry.type, label: shown.label, data };
}

/**
 * The status as the public sees it. A petition joined to an earlier case (REPEAT), or not
 * accepted again because that case was concluded (NOT_ACCEPTED_AGAIN), shows as received: that
 * an earlier case exists is said only by SMS to a phone of that case's petitioner.
 */
export function publicStatus(status: string): string {
  return status === 'REPEAT' || status === 'NOT_ACCEPTED_AGAIN' ? 'RECEIVED' : status;
}

/** What comes next, said to the petitioner in both languages. */
export interface NextStep {
  code: string;
  zh: string;
  en: string;
}

export interface CaseProgress {
  status: string;
  leadUnitName: string | null;
  /** The law's open clocks, soonest first. */
  openDeadlines: { kind: DeadlineKind; dueAt: Date }[];
  canEvaluate: boolean;
  reviewRequest: { stage: 'REVIEW' | 'RE_REVIEW'; lastDay: string } | null;
}

const DUTY_OF: Partial<Record<DeadlineKind, { zh: string; en: string }>> = {
  FORWARD: {
    zh: '转送或交办有权处理的机关，并告知您',
    en: 'send it to the unit that must handle it and tell you',
  },
  ACCEPTANCE: { zh: '告知您是否受理', en: 'tell you whether it accepts the matter' },
  CONCLUSION: { zh: '作出处理意见并书面答复您', en: 'give you its written opinion' },
  REVIEW: { zh: '作出复查意见并书面答复您', en: 'give you its written review opinion' },
  RE_REVIEW: { zh: '作出复核意见并书面答复您', en: 'give you its written re-review opinion' },
};

/**
 * The steps owed next (信访工作条例 第二十二、三十二至三十五条): who must act by when, what the
 * petitioner may do and until when, or that the matter is closed.
 */
export function nextSteps(progress: CaseProgress): NextStep[] {
  const steps: NextStep[] = [];
  const clock = progress.openDeadlines[0];
  const duty = clock && DUTY_OF[clock.kind];
  if (clock && duty) {
    const day = chinaDateOf(clock.dueAt);
    const who =
      clock.kind === 'FORWARD' || !progress.leadUnitName
        ? { zh: '信访工作机构', en: 'The petition office' }
        : { zh: progress.leadUnitName, en: progress.leadUnitName };
    steps.push({
      code: `AWAIT_${clock.kind}`,
      zh: `${who.zh}应于${day}前${duty.zh}`,
      en: `${who.en} must ${duty.en} by ${day}`,
    });
  } else if (progress.status === 'RECEIVED' || progress.status === 'AWAITING_TRIAGE') {
    steps.push({
      code: 'AWAIT_ROUTING',
      zh: '信访工作机构正在确定办理单位，确定后将告知您',
      en: 'The petition office is deciding which unit must handle it, and will tell you',
    });
  }
  if (progress.canEvaluate) {
    steps.push({
      code: 'EVALUATE',
      zh: '您可以对答复作出评价：满意、基本满意或不满意',
      en: 'You may evaluate the reply: satisfied, fairly satisfied or not satisfied',
    });
  }
  const review = progress.reviewRequest;
  if (review) {
    const [zh, en] =
      review.stage === 'REVIEW' ? ['处理意见', 'opinion'] : ['复查意见', 'review opinion'];
    const ask = review.stage === 'REVIEW' ? ['复查', 'a review'] : ['复核', 'a re-review'];
    steps.push({
      code: `REQUEST_${review.stage}`,
      zh: `如对${zh}不服，您可以于${review.lastDay}前申请${ask[0]}`,
      en: `If you do not accept the ${en}, you may ask for ${ask[1]} until ${review.lastDay}`,
    });
  }
  if (progress.status === 'RE_REVIEWED') {
    steps.push({
      code: 'FINAL',
      zh: '复核意见为最终意见，本信访事项已终结',
      en: 'The re-review opinion is final; the matter is closed',
    });
  } else if (progress.status === 'NOT_ACCEPTED') {
    steps.push({
      code: 'NOT_ACCEPTED',
      zh: '本事项不予受理，理由和可以采取的途径见答复',
      en: 'The matter is not accepted; the reply gives the reason and the ways open to you',
    });
  } else if (!review && (progress.status === 'CONCLUDED' || progress.status === 'REVIEWED')) {
    steps.push({ code: 'CLOSED', zh: '本信访事项已办结', en: 'The matter is concluded' });
  }
  return steps;
}
