import assert from 'node:assert/strict';
import { eventually } from './eventually.js';
import { registerHousingLetter, request } from './http.js';
import { createStaff, signedIn } from './staff.js';
import { withSystem } from './system.js';

export interface StaffCase {
  status: string;
  assignments: {
    role: string;
    stage: string;
    status: string;
    rule: string;
    unit: { code: string };
  }[];
  deadlines: { kind: string; unitCode: string; dueAt: string; status: string }[];
  replies: { stage: string; kind: string; text: string; legalBasis: string | null }[];
  timeline: { type: string; data: Record<string, unknown> }[];
}

export interface PublicCase {
  status: string;
  statusLabel: string;
  receivedAt: string;
  deadlines: { kind: string; kindLabel: string; dueAt: string }[];
  handlingUnits: { name: string; stage: string; stageLabel: string; roleLabel: string }[];
  replies: {
    stage: string;
    kind: string;
    text: string;
    legalBasis: string | null;
    unit: { name: string };
  }[];
  canEvaluate: boolean;
  reviewRequest: { stage: string; lastDay: string } | null;
  nextSteps: { code: string; zh: string; en: string }[];
  timeline: { at: string; type: string; label: string; data: Record<string, unknown> }[];
}

export interface WorkbenchPage {
  total: number;
  items: { caseNo: string; status: string; deadlines: { kind: string; state: string }[] }[];
}

export const REPLY = '经调查核实，开发商已于本月复工，预计明年三月交房，我局将每月督促进度并公示。';

/**
 * The unit workbench's system: the demo directory with the housing bureau's staff and others,
 * each signed in, and the requests of a case's workflow (registering a housing case, acting on
 * it, reading it as staff, as the petitioner and from the inbox). Started before the tests of the
 * enclosing describe.
 */
export function withWorkbench() {
  let leaderId = '';
  const sut = withSystem({
    demo: true,
    prepare: async (env) => {
      leaderId = await createStaff(env.config, 'zjj.leader', '510903-ZJJ', ['unit_leader']);
      await createStaff(env.config, 'zjj.handler', '510903-ZJJ', ['handler']);
      await createStaff(env.config, 'zjj.handler2', '510903-ZJJ', ['handler']);
      await createStaff(env.config, 'zrzyj.handler', '510903-ZRZYJ', ['handler']);
      await createStaff(env.config, 'county.handler', '510903-GOV', ['handler']);
      await createStaff(env.config, 'city.handler', '510900-GOV', ['handler']);
    },
  });
  const tokens = signedIn(sut, [
    'admin',
    'suining.registrar',
    'suining.supervisor',
    'chuanshan.dispatcher',
    'zjj.leader',
    'zjj.handler',
    'zjj.handler2',
    'zrzyj.handler',
    'county.handler',
    'city.handler',
  ]);

  /** A letter about housing in 船山区: the county housing bureau leads on it. */
  const registerHousingCase = (overrides: Record<string, unknown> = {}) =>
    registerHousingLetter(sut.system.intake.url, tokens['suining.registrar'], overrides);

  const staffView = (caseNo: string) =>
    request<StaffCase>('GET', `${sut.system.intake.url}/api/v1/petitions/${caseNo}`, {
      // The prefecture petition bureau's supervisor sees every case of 遂宁, routed or not.
      token: tokens['suining.supervisor'],
    });
  const publicView = (receipt: { caseNo: string; queryCode: string }) =>
    request<PublicCase>(
      'GET',
      `${sut.system.intake.url}/api/v1/public/petitions/${receipt.caseNo}?queryCode=${receipt.queryCode}`,
    );
  const act = (user: string, caseNo: string, action: string, body: unknown = {}) =>
    request('POST', `${sut.system.routing.url}/api/v1/workbench/cases/${caseNo}/${action}`, {
      token: tokens[user],
      body,
    });
  const petitionerPost = (
    receipt: { caseNo: string; queryCode: string },
    path: string,
    body: object,
  ) =>
    request(
      'POST',
      `${sut.system.intake.url}/api/v1/public/petitions/${receipt.caseNo}/${path}?queryCode=${receipt.queryCode}`,
      { body },
    );
  const until = <T>(check: () => Promise<T | false | undefined>, what: string) =>
    eventually(check, what);
  /** The to-do notices (待办) in a staff member's inbox, as they read them. */
  const todos = async (user: string) => {
    const { status, body } = await request<{ items: { template: string; text: string }[] }>(
      'GET',
      `${sut.system.notify.url}/api/v1/notifications`,
      { token: tokens[user] },
    );
    assert.equal(status, 200);
    return body.items.filter((i) => i.template === 'case.awaiting').map((i) => i.text);
  };
  const todoArrives = (user: string, caseNo: string, words: string) =>
    until(async () => {
      const texts = await todos(user);
      return texts.some((t) => t.includes(caseNo) && t.includes(words)) && texts;
    }, `${user} to be told: ${words}`);
  const statusOf = async (caseNo: string, status: string) =>
    until(async () => {
      const { body } = await staffView(caseNo);
      return body.status === status && body;
    }, `case ${caseNo} to become ${status}`);

  return {
    sut,
    tokens,
    /** The housing bureau's leader, made for the tests. */
    get leaderId() {
      return leaderId;
    },
    registerHousingCase,
    staffView,
    publicView,
    act,
    petitionerPost,
    until,
    todos,
    todoArrives,
    statusOf,
  };
}
