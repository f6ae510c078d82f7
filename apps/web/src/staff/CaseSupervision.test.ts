import { describe, expect, it } from 'vitest';
import type { Me } from '../api/types';
import { answersNotice } from './CaseSupervision';
import type { SupervisionNotice } from './supervision/types';

const notice: SupervisionNotice = {
  id: 'n',
  unitCode: '510903-ZJJ',
  supervisingUnitCode: '510900-XFJ',
  source: 'SUPERVISOR',
  deadlineKind: null,
  instructions: '请加快办理',
  issuedAt: '2026-12-08T01:00:00Z',
  answerDueAt: '2026-12-13T01:00:00Z',
  status: 'OPEN',
  answer: null,
  answeredAt: null,
};
const staffOf = (unitCode: string, roles: string[]): Me => ({
  id: 'u',
  username: 'u',
  displayName: 'u',
  roles,
  unit: {
    code: unitCode,
    name: unitCode,
    kind: 'DEPARTMENT',
    level: 'COUNTY',
    divisionCode: '510903',
  },
});

describe('answering a 督办 on the case page', () => {
  it('is for the handlers and leaders of the unit it was sent to, while it is open', () => {
    expect(answersNotice(notice, staffOf('510903-ZJJ', ['handler']))).toBe(true);
    expect(answersNotice(notice, staffOf('510903-ZJJ', ['unit_leader']))).toBe(true);
    expect(answersNotice(notice, staffOf('510903-JYJ', ['handler']))).toBe(false);
    expect(answersNotice(notice, staffOf('510903-ZJJ', ['supervisor']))).toBe(false);
    expect(
      answersNotice({ ...notice, status: 'ANSWERED' }, staffOf('510903-ZJJ', ['handler'])),
    ).toBe(false);
  });
});
