import { describe, expect, it } from 'vitest';
import type { Me, WorkbenchCase } from '../api/types';
import { availableActions } from './actions';

const handler: Me = {
  id: 'h',
  username: 'chuanshan.housing',
  displayName: '经办人',
  roles: ['handler'],
  unit: null,
};
const leader: Me = { ...handler, roles: ['unit_leader'] };
const item: WorkbenchCase = {
  caseNo: 'XF-510903-20261208-000001',
  title: '锦绣华庭逾期不交房',
  role: 'LEAD',
  stage: 'HANDLING',
  status: 'ASSIGNED',
  forwarding: false,
  assignedAt: '2026-12-08T00:00:00Z',
  acceptedAt: null,
  major: false,
  pendingExtension: false,
  deadlines: [],
};

describe('the steps offered on a case', () => {
  const passOn = ['transfer', 'coHandlers'];

  it('a lead unit accepts, declines or returns what was assigned to it, or passes it on', () => {
    expect(availableActions(item, handler)).toEqual(['accept', 'decline', 'return', ...passOn]);
  });

  it('once accepted: an extension and the reply; a pending extension is for the leader', () => {
    const accepted = { ...item, status: 'ACCEPTED' as const };
    expect(availableActions(accepted, handler)).toEqual(['extension', 'conclude', ...passOn]);
    const pending = { ...accepted, pendingExtension: true };
    expect(availableActions(pending, handler)).toEqual(['conclude', ...passOn]);
    expect(availableActions(pending, leader)).toEqual([
      'approveExtension',
      'conclude',
      'responsibleLeader',
      ...passOn,
    ]);
  });

  it('a leader of the lead unit names its responsible leader (包案领导); a handler does not', () => {
    expect(availableActions(item, leader)).toContain('responsibleLeader');
    expect(availableActions(item, handler)).not.toContain('responsibleLeader');
    expect(availableActions({ ...item, role: 'CO_HANDLER' }, leader)).toEqual([]);
  });

  it('a forwarding bureau only passes the case on; under review it takes co-handlers only', () => {
    expect(availableActions({ ...item, forwarding: true }, handler)).toEqual(passOn);
    const review = { ...item, status: 'ACCEPTED' as const, stage: 'REVIEW' as const };
    expect(availableActions(review, handler)).toEqual(['conclude', 'coHandlers']);
  });

  it('nothing for a co-handler, for staff who do not handle, or a case not on the workbench', () => {
    expect(availableActions({ ...item, role: 'CO_HANDLER' }, handler)).toEqual([]);
    expect(availableActions(item, { ...handler, roles: ['registrar'] })).toEqual([]);
    expect(availableActions(null, handler)).toEqual([]);
  });
});
