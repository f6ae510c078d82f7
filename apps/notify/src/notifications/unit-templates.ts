import { AwaitedSteps, type AwaitedStep } from '#common';
import { z } from 'zod';
import {
  caseNo,
  caseNos,
  count,
  day,
  deadlineKind,
  template,
  unitName,
  type Localized,
} from './template-values.js';

/** What a step waiting on staff (待办) asks of them, as they say it. */
const AWAITED = {
  EXTENSION_DECISION: {
    'zh-CN': '办理单位申请延期，待你审批',
    en: 'an extension awaits your approval',
  },
  EXTENSION_APPROVED: {
    'zh-CN': '延期申请已批准，请在延长后的期限内办结',
    en: 'the extension was approved',
  },
  EXTENSION_REJECTED: {
    'zh-CN': '延期申请未获批准，请在原期限内办结',
    en: 'the extension was refused; conclude within the original limit',
  },
  TRANSFER_DECISION: {
    'zh-CN': '办理单位申请转办，待你审核',
    en: 'a transfer request awaits your decision',
  },
  TRIAGE_DECISION: {
    'zh-CN': '待分流交办，请确定办理单位',
    en: 'it waits in triage for a handling unit',
  },
  SUPERVISION_ANSWERED: {
    'zh-CN': '被督办单位已回复督办，请审阅',
    en: 'the unit answered your supervision notice',
  },
} as const satisfies Record<AwaitedStep, Localized>;
const awaitedStep = z.enum(AwaitedSteps).transform((step): Localized => AWAITED[step]);

/** What units and their staff are sent: email, SMS and the staff inbox. */
export const UNIT_TEMPLATES = {
  'assignment.created': template({
    audience: 'UNIT',
    variables: { caseNo, dueAt: day },
    'zh-CN': {
      subject: (v) => `新交办信访事项 ${v.caseNo}`,
      text: (v) => `信访事项${v.caseNo}已交你单位办理，时限至${v.dueAt}，请登录信访工作平台查看。`,
    },
    en: {
      subject: (v) => `New petition assigned: ${v.caseNo}`,
      text: (v) =>
        `Petition ${v.caseNo} was assigned to your unit, due ${v.dueAt}. See the petition platform.`,
    },
  }),
  'assignment.co-handler': template({
    audience: 'UNIT',
    variables: { caseNo },
    'zh-CN': {
      subject: (v) => `协办信访事项 ${v.caseNo}`,
      text: (v) =>
        `信访事项${v.caseNo}请你单位协助办理，请配合主办单位在时限内提出意见，登录信访工作平台查看。`,
    },
    en: {
      subject: (v) => `Petition to co-handle: ${v.caseNo}`,
      text: (v) =>
        `Your unit is asked to co-handle petition ${v.caseNo}: give the leading unit your opinion in time. See the petition platform.`,
    },
  }),
  'supervision.issued': template({
    audience: 'UNIT',
    variables: { caseNo, answerDueAt: day },
    'zh-CN': {
      subject: (v) => `督办通知 ${v.caseNo}`,
      text: (v) =>
        `信访事项${v.caseNo}已列入督办，请于${v.answerDueAt}前书面回复办理情况，登录信访工作平台查看督办要求。`,
    },
    en: {
      subject: (v) => `Supervision notice: ${v.caseNo}`,
      text: (v) =>
        `Petition ${v.caseNo} is under supervision. Answer in writing by ${v.answerDueAt}; see the requirements on the petition platform.`,
    },
  }),
  'deadline.due-soon': template({
    audience: 'UNIT',
    variables: { caseNo, kind: deadlineKind, dueAt: day },
    'zh-CN': {
      subject: (v) => `${v.kind}期限临近 ${v.caseNo}`,
      text: (v) => `信访事项${v.caseNo}的${v.kind}期限将于${v.dueAt}届满，请抓紧办理。`,
    },
    en: {
      subject: (v) => `The ${v.kind} time limit is near: ${v.caseNo}`,
      text: (v) => `The ${v.kind} time limit of petition ${v.caseNo} ends on ${v.dueAt}.`,
    },
  }),
  'deadline.due-today': template({
    audience: 'UNIT',
    variables: { caseNo, kind: deadlineKind, dueAt: day },
    'zh-CN': {
      subject: (v) => `${v.kind}期限今日届满 ${v.caseNo}`,
      text: (v) => `信访事项${v.caseNo}的${v.kind}期限今日（${v.dueAt}）届满，请今日内办理完毕。`,
    },
    en: {
      subject: (v) => `The ${v.kind} time limit ends today: ${v.caseNo}`,
      text: (v) =>
        `The ${v.kind} time limit of petition ${v.caseNo} ends today (${v.dueAt}); finish it today.`,
    },
  }),
  'calendar.next-year-missing': template({
    audience: 'UNIT',
    variables: { year: z.string().regex(/^\d{4}$/) },
    'zh-CN': {
      subject: (v) => `请导入${v.year}年节假日安排`,
      text: (v) =>
        `${v.year}年节假日安排尚未导入，${v.year}年的办理期限暂按法定节假日计算。国务院办公厅通知发布后，请管理员导入（PUT /api/v1/calendar/${v.year} 或 calendar:load）。`,
    },
    en: {
      subject: (v) => `Load the ${v.year} holiday schedule`,
      text: (v) =>
        `The ${v.year} holiday schedule is not loaded: deadlines in ${v.year} are provisional (statutory holidays only). Load the State Council notice once published (PUT /api/v1/calendar/${v.year} or calendar:load).`,
    },
  }),
  'deadline.overdue': template({
    audience: 'UNIT',
    variables: { caseNo, kind: deadlineKind, dueAt: day },
    'zh-CN': {
      subject: (v) => `${v.kind}已逾期 ${v.caseNo}`,
      text: (v) =>
        `信访事项${v.caseNo}的${v.kind}期限已于${v.dueAt}届满，现已逾期并报送督办，请立即办理。`,
    },
    en: {
      subject: (v) => `The ${v.kind} time limit has passed: ${v.caseNo}`,
      text: (v) =>
        `The ${v.kind} time limit of petition ${v.caseNo} ended on ${v.dueAt}; it is overdue and under supervision. Act now.`,
    },
  }),
  'deadline.still-overdue': template({
    audience: 'UNIT',
    variables: { caseNo, kind: deadlineKind, dueAt: day, days: count },
    'zh-CN': {
      subject: (v) => `${v.kind}逾期${v.days}日 ${v.caseNo}`,
      text: (v) =>
        `信访事项${v.caseNo}的${v.kind}期限已于${v.dueAt}届满，已逾期${v.days}日，请立即办理并说明逾期原因。`,
    },
    en: {
      subject: (v) => `The ${v.kind} time limit is ${v.days} days overdue: ${v.caseNo}`,
      text: (v) =>
        `The ${v.kind} time limit of petition ${v.caseNo} ended on ${v.dueAt}, ${v.days} days ago. Act now and explain the delay.`,
    },
  }),
  'deadline.overdue-leader': template({
    audience: 'UNIT',
    variables: { caseNo, kind: deadlineKind, dueAt: day, unitName },
    'zh-CN': {
      subject: (v) => `本单位信访事项逾期 ${v.caseNo}`,
      text: (v) =>
        `${v.unitName}办理的信访事项${v.caseNo}${v.kind}期限已于${v.dueAt}届满并逾期，已报送督办，请单位负责人督促办理。`,
    },
    en: {
      subject: (v) => `Your unit let a time limit pass: ${v.caseNo}`,
      text: (v) =>
        `The ${v.kind} time limit of petition ${v.caseNo}, held by ${v.unitName}, ended on ${v.dueAt} and is under supervision. Please see that it is handled.`,
    },
  }),
  'deadline.overdue-bureau': template({
    audience: 'UNIT',
    variables: { caseNo, kind: deadlineKind, dueAt: day, unitName },
    'zh-CN': {
      subject: (v) => `督办：${v.unitName}逾期 ${v.caseNo}`,
      text: (v) =>
        `${v.unitName}办理的信访事项${v.caseNo}${v.kind}期限已于${v.dueAt}届满并逾期，请依职责督查督办。`,
    },
    en: {
      subject: (v) => `To supervise: ${v.unitName} is overdue on ${v.caseNo}`,
      text: (v) =>
        `The ${v.kind} time limit of petition ${v.caseNo}, held by ${v.unitName}, ended on ${v.dueAt}. Please supervise it.`,
    },
  }),
  'case.awaiting': template({
    audience: 'UNIT',
    variables: { caseNo, step: awaitedStep },
    'zh-CN': {
      subject: (v) => `待办：${v.caseNo}`,
      text: (v) => `信访事项${v.caseNo}：${v.step}，请登录信访工作平台办理。`,
    },
    en: {
      subject: (v) => `To do: ${v.caseNo}`,
      text: (v) => `Petition ${v.caseNo}: ${v.step}. See the petition platform.`,
    },
  }),
  'petition.repeated': template({
    audience: 'UNIT',
    variables: { caseNo },
    'zh-CN': {
      subject: (v) => `重复信访 ${v.caseNo}`,
      text: (v) => `信访人就你单位办理的信访事项${v.caseNo}再次来信来访，请登录信访工作平台查看。`,
    },
    en: {
      subject: (v) => `Repeat petition: ${v.caseNo}`,
      text: (v) =>
        `The petitioner came again about petition ${v.caseNo}, which your unit handles. See the petition platform.`,
    },
  }),
  'hotspot.raised': template({
    audience: 'UNIT',
    variables: { cases: count, hotspotId: z.uuid().optional() },
    'zh-CN': {
      subject: (v) => `热点问题预警（${v.cases}件）`,
      text: (v) =>
        `${v.cases}件信访事项反映同一问题，已列为热点问题${v.hotspotId ? `（编号${v.hotspotId}）` : ''}，请统筹研判、一并处理。`,
    },
    en: {
      subject: (v) => `Hotspot warning (${v.cases} petitions)`,
      text: (v) =>
        `${v.cases} petitions raise the same problem and form a hotspot${v.hotspotId ? ` (${v.hotspotId})` : ''}; assess and handle them together.`,
    },
  }),
  'petition.collective': template({
    audience: 'UNIT',
    variables: { cases: count, caseNos },
    'zh-CN': {
      subject: (v) => `集体信访预警 ${v.caseNos}`,
      text: (v) =>
        `收到集体信访事项${v.cases}件（5人以上）：${v.caseNos}，请及时研判处置，登录信访工作平台查看。`,
    },
    en: {
      subject: (v) => `Collective petition warning: ${v.caseNos}`,
      text: (v) =>
        `${v.cases} collective petition(s) (5 or more people) came in: ${v.caseNos}. Assess and act promptly.`,
    },
  }),
  'urgent.collective': template({
    audience: 'UNIT',
    variables: { caseNo },
    'zh-CN': {
      subject: (v) => `【紧急】集体信访 ${v.caseNo}`,
      text: (v) =>
        `【紧急】收到集体信访${v.caseNo}，请值班领导立即研判处置，并登录信访工作平台确认收到。`,
    },
    en: {
      subject: (v) => `URGENT: collective petition ${v.caseNo}`,
      text: (v) =>
        `URGENT: collective petition ${v.caseNo} came in. Duty leader, act now and acknowledge on the petition platform.`,
    },
  }),
  'urgent.hotspot': template({
    audience: 'UNIT',
    variables: { caseNo, cases: count },
    'zh-CN': {
      subject: (v) => `【紧急】热点问题（${v.cases}件）`,
      text: (v) =>
        `【紧急】${v.cases}件信访事项（${v.caseNo}等）反映同一问题，已形成热点，请值班领导立即研判处置，并登录信访工作平台确认收到。`,
    },
    en: {
      subject: (v) => `URGENT: hotspot of ${v.cases} petitions`,
      text: (v) =>
        `URGENT: ${v.cases} petitions (${v.caseNo} and others) raise one problem. Duty leader, act now and acknowledge on the petition platform.`,
    },
  }),
  'urgent.case': template({
    audience: 'UNIT',
    variables: { caseNo },
    'zh-CN': {
      subject: (v) => `【紧急】信访事项 ${v.caseNo}`,
      text: (v) =>
        `【紧急】信访事项${v.caseNo}已被标记为紧急，请值班领导立即处置，并登录信访工作平台确认收到。`,
    },
    en: {
      subject: (v) => `URGENT: petition ${v.caseNo}`,
      text: (v) =>
        `URGENT: petition ${v.caseNo} was flagged urgent. Duty leader, act now and acknowledge on the petition platform.`,
    },
  }),
};
