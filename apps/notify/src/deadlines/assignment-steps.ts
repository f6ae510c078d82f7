/**
 * The steps of an assignment, as they bear on its clocks, in the order routing takes them:
 * assigned (first clock), accepted (conclusion clock), extended, ended (clocks stop).
 */
export type AssignmentStep = 'ASSIGNED' | 'ACCEPTED' | 'EXTENDED' | 'ENDED';

/** What notify has applied of an assignment so far. */
export interface AssignmentProgress {
  assignedAt: Date | null;
  acceptedAt: Date | null;
  endedAt: Date | null;
}

/**
 * What to do with a step that has arrived. Events come out of order (retries, several replicas):
 * - SUPERSEDED: the assignment has ended (or the step was applied): applying it would reopen or
 *   move a stopped clock;
 * - TOO_EARLY: the step it follows (`follows`) has not been applied yet: try again later;
 * - APPLY otherwise.
 */
export function assignmentStepOutcome(
  step: AssignmentStep,
  follows: 'ASSIGNED' | 'ACCEPTED' | null,
  progress: AssignmentProgress,
): 'APPLY' | 'SUPERSEDED' | 'TOO_EARLY' {
  if (progress.endedAt) return 'SUPERSEDED';
  if (step === 'ASSIGNED' && progress.assignedAt) return 'SUPERSEDED';
  if (step === 'ACCEPTED' && progress.acceptedAt) return 'SUPERSEDED';
  if (follows === 'ASSIGNED' && !progress.assignedAt) return 'TOO_EARLY';
  if (follows === 'ACCEPTED' && !progress.acceptedAt) return 'TOO_EARLY';
  return 'APPLY';
}
