import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  jobPayloadSchemas,
  JobNames,
  jobsConsumedBy,
  jobSubscribers,
  QueueName,
} from './queues.js';

describe('the queue contract', () => {
  it('gives every job at least one consuming queue', () => {
    for (const name of JobNames) assert.ok(jobSubscribers[name].length > 0, name);
  });

  it('tells each service which jobs it must handle', () => {
    assert.deepEqual(jobsConsumedBy(QueueName.Routing), [
      'petition.received',
      'reply.evaluated',
      'review.requested',
      'petition.repeated',
      'deadline.overdue',
    ]);
    assert.deepEqual(jobsConsumedBy(QueueName.Intake), [
      'petition.assigned',
      'case.accepted',
      'case.declined',
      'case.returned',
      'case.withdrawn',
      'case.concluded',
      'petition.classified',
      'petition.triage-required',
    ]);
    assert.deepEqual(jobsConsumedBy(QueueName.Notify), [
      'petition.received',
      'petition.assigned',
      'case.accepted',
      'case.declined',
      'case.returned',
      'case.transferred',
      'case.withdrawn',
      'case.extended',
      'case.concluded',
      'petition.repeated',
      'phone.verification-requested',
      'hotspot.raised',
      'supervision.issued',
      'supervision.answered',
      'case.awaiting',
      'notification.dispatch',
    ]);
  });

  it('refuses payloads that carry anything but ids and codes', () => {
    const received = jobPayloadSchemas['petition.received'];
    const valid = { petitionId: '7f1c3d2e-8a4b-4c5d-9e6f-0a1b2c3d4e5f' };
    assert.ok(received.safeParse(valid).success);
    assert.ok(!received.safeParse({ ...valid, phone: '13280837583' }).success);
    assert.ok(!received.safeParse({ ...valid, petitionId: '李晓燕' }).success);
    const assigned = jobPayloadSchemas['petition.assigned'];
    const assignment = {
      ...valid,
      caseNo: 'XF-510903-20261122-000001',
      assignmentId: valid.petitionId,
      unitCode: '510903-XFJ',
      stage: 'HANDLING',
      role: 'LEAD',
      forwarding: true,
      assignedAt: '2026-11-22T10:00:00+08:00',
    };
    assert.ok(assigned.safeParse(assignment).success);
    assert.ok(!assigned.safeParse({ ...assignment, caseNo: '李晓燕' }).success);
    assert.ok(!assigned.safeParse({ ...assignment, stage: 'APPEAL' }).success);
  });
});
