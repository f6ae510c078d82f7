import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assignmentStepOutcome, type AssignmentProgress } from './assignment-steps.js';

const at = new Date('2026-12-07T08:00:00Z');
const none: AssignmentProgress = { assignedAt: null, acceptedAt: null, endedAt: null };
const assigned = { ...none, assignedAt: at };
const accepted = { ...assigned, acceptedAt: at };

describe('assignmentStepOutcome', () => {
  it('applies each step once what it follows is applied', () => {
    assert.equal(assignmentStepOutcome('ASSIGNED', null, none), 'APPLY');
    assert.equal(assignmentStepOutcome('ACCEPTED', 'ASSIGNED', assigned), 'APPLY');
    assert.equal(assignmentStepOutcome('EXTENDED', 'ACCEPTED', accepted), 'APPLY');
    assert.equal(assignmentStepOutcome('ENDED', 'ACCEPTED', accepted), 'APPLY');
    assert.equal(assignmentStepOutcome('ENDED', 'ASSIGNED', assigned), 'APPLY');
    // A co-handler's end stops no clock: it follows nothing notify must have seen.
    assert.equal(assignmentStepOutcome('ENDED', null, none), 'APPLY');
  });

  it('keeps an early extension or end for later instead of losing it', () => {
    assert.equal(assignmentStepOutcome('EXTENDED', 'ACCEPTED', assigned), 'TOO_EARLY');
    assert.equal(assignmentStepOutcome('EXTENDED', 'ACCEPTED', none), 'TOO_EARLY');
    assert.equal(assignmentStepOutcome('ACCEPTED', 'ASSIGNED', none), 'TOO_EARLY');
    assert.equal(assignmentStepOutcome('ENDED', 'ASSIGNED', none), 'TOO_EARLY');
    assert.equal(assignmentStepOutcome('ENDED', 'ACCEPTED', assigned), 'TOO_EARLY');
  });

  it('lets no late step reopen or move the clocks of an ended assignment', () => {
    const ended = { ...none, endedAt: at };
    assert.equal(assignmentStepOutcome('ASSIGNED', null, ended), 'SUPERSEDED');
    assert.equal(
      assignmentStepOutcome('ACCEPTED', 'ASSIGNED', { ...assigned, endedAt: at }),
      'SUPERSEDED',
    );
    assert.equal(assignmentStepOutcome('EXTENDED', 'ACCEPTED', ended), 'SUPERSEDED');
    assert.equal(assignmentStepOutcome('ASSIGNED', null, assigned), 'SUPERSEDED');
  });
});
