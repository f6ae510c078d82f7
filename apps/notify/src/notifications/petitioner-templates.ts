import { CaseStages } from '#common';
import { z } from 'zod';
import { caseNo, count, day, template, unitName, type Localized } from './template-values.js';

/** The written opinion that ends each stage (处理意见 → 复查意见 → 复核意见). */
const OPINIONS = {
  HANDLING: { 'zh-CN': '处理意见', en: 'handling opinion' },
  REVIEW: { 'zh-CN': '复查意见', en: 'review opinion' },
  RE_REVIEW: { 'zh-CN': '复核意见', en: 're-review opinion' },
} as const satisfies Record<(typeof CaseStages)[number], Localized>;
const opinion = z.enum(CaseStages).transform((stage): Localized => OPINIONS[stage]);
/**
 * What the petitioner may do next after each opinion, and within which time (信访工作条例
 * 第三十五、三十六条); nothing after the re-review, which is final.
 */
const NEXT_STEP: Record<string, string> = {
  [OPINIONS.HANDLING['zh-CN']]: '如不服，可自收到书面答复之日起30日内请求复查。',
  [OPINIONS.REVIEW['zh-CN']]: '如不服，可自收到书面意见之日起30日内请求复核。',
  [OPINIONS.HANDLING.en]: ' Disagree? Ask for review in 30 days.',
  [OPINIONS.REVIEW.en]: ' Disagree? Ask for re-review in 30 days.',
};

/**
 * What petitioners are sent, by SMS: two UCS-2 parts at most (134 characters) in either language,
 * checked by the tests with the longest values.
 */
export const PETITIONER_TEMPLATES = {
  'petition.receipt': template({
    audience: 'PETITIONER',
    variables: { caseNo, queryCode: z.string().regex(/^[0-9A-Z]{10}$/) },
    secrets: ['queryCode'],
    'zh-CN': {
      subject: (v) => `信访事项已登记 ${v.caseNo}`,
      text: (v) =>
        `您的信访事项已登记，编号${v.caseNo}，查询码${v.queryCode}。凭编号和查询码可在网上查询办理进展，请妥善保管。`,
    },
    en: {
      subject: (v) => `Petition registered: ${v.caseNo}`,
      text: (v) =>
        `Petition registered: case ${v.caseNo}, query code ${v.queryCode}. Use both to follow it online; keep them safe.`,
    },
  }),
  'phone.verification': template({
    audience: 'PETITIONER',
    variables: { code: z.string().regex(/^\d{6}$/) },
    secrets: ['code'],
    'zh-CN': {
      subject: () => '信访验证码',
      text: (v) =>
        `您的网上信访短信验证码为${v.code}，5分钟内有效。如非本人操作，请忽略本短信，切勿告诉他人。`,
    },
    en: {
      subject: () => 'Petition verification code',
      text: (v) =>
        `Your online petition code is ${v.code}, valid 5 minutes. Not you? Ignore this; tell no one the code.`,
    },
  }),
  'petition.linked': template({
    audience: 'PETITIONER',
    variables: { caseNo, originalCaseNo: caseNo },
    'zh-CN': {
      subject: (v) => `信访事项已并入原件 ${v.caseNo}`,
      text: (v) =>
        `您的信访事项${v.caseNo}与您此前反映的${v.originalCaseNo}为同一事项，已并入原件办理，可凭原件查询码查询进展。`,
    },
    en: {
      subject: (v) => `Petition joined to your earlier case: ${v.caseNo}`,
      text: (v) =>
        `Petition ${v.caseNo} repeats your case ${v.originalCaseNo} and was joined to it; follow that case.`,
    },
  }),
  'case.assigned': template({
    audience: 'PETITIONER',
    variables: { caseNo, unitName },
    'zh-CN': {
      subject: (v) => `信访事项去向 ${v.caseNo}`,
      text: (v) => `您的信访事项${v.caseNo}已转交${v.unitName}办理，可凭查询码查询进展。`,
    },
    en: {
      subject: (v) => `Where your petition went: ${v.caseNo}`,
      text: (v) =>
        `Petition ${v.caseNo} is now handled by ${v.unitName}; follow it with your query code.`,
    },
  }),
  'case.accepted': template({
    audience: 'PETITIONER',
    variables: { caseNo, unitName },
    'zh-CN': {
      subject: (v) => `信访事项已受理 ${v.caseNo}`,
      text: (v) => `您的信访事项${v.caseNo}已由${v.unitName}受理，将依法在规定期限内办结。`,
    },
    en: {
      subject: (v) => `Petition accepted: ${v.caseNo}`,
      text: (v) =>
        `Petition ${v.caseNo} accepted by ${v.unitName}, to be concluded within the legal limit.`,
    },
  }),
  'case.declined': template({
    audience: 'PETITIONER',
    variables: { caseNo, unitName },
    'zh-CN': {
      subject: (v) => `信访事项不予受理 ${v.caseNo}`,
      text: (v) => `您的信访事项${v.caseNo}，${v.unitName}决定不予受理，理由详见书面告知。`,
    },
    en: {
      subject: (v) => `Petition not accepted: ${v.caseNo}`,
      text: (v) =>
        `Petition ${v.caseNo} was not accepted by ${v.unitName}; the written notice gives the reason.`,
    },
  }),
  'case.concluded': template({
    audience: 'PETITIONER',
    variables: { caseNo, unitName, stage: opinion },
    'zh-CN': {
      subject: (v) => `信访事项已出具${v.stage} ${v.caseNo}`,
      text: (v) =>
        `您的信访事项${v.caseNo}，${v.unitName}已出具${v.stage}，请注意查收。${NEXT_STEP[v.stage] ?? ''}`,
    },
    en: {
      subject: (v) => `The ${v.stage} is ready: ${v.caseNo}`,
      text: (v) => `${v.caseNo}: ${v.unitName} issued its ${v.stage}.${NEXT_STEP[v.stage] ?? ''}`,
    },
  }),
  'case.extended': template({
    audience: 'PETITIONER',
    variables: { caseNo, days: count, dueAt: day },
    'zh-CN': {
      subject: (v) => `信访事项延期办理 ${v.caseNo}`,
      text: (v) => `您的信访事项${v.caseNo}办理期限延长${v.days}日，至${v.dueAt}。`,
    },
    en: {
      subject: (v) => `Time limit extended: ${v.caseNo}`,
      text: (v) =>
        `The time limit of petition ${v.caseNo} was extended by ${v.days} days, to ${v.dueAt}.`,
    },
  }),
};
