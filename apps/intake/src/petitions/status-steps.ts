import type { PetitionStatus } from '#common';

/** A step routing took that moves a petition's status. */
export interface StatusStep {
  from: readonly PetitionStatus[];
  to: PetitionStatus;
  /** When routing took it. */
  at: Date;
}

/**
 * What to do with a step, given the status and when the step it follows was taken. Steps come
 * out of order (retries, several replicas), so:
 * - SUPERSEDED: older than the step the status follows; applying it would undo a later one;
 * - APPLY: the status is one it follows (or already its own);
 * - TOO_EARLY: newer, but what it follows has not been applied yet: try again later.
 */
export function statusStepOutcome(
  current: { status: PetitionStatus; stepAt: Date | null },
  step: StatusStep,
): 'SUPERSEDED' | 'APPLY' | 'TOO_EARLY' {
  if (current.stepAt && step.at < current.stepAt) return 'SUPERSEDED';
  if (step.from.includes(current.status) || current.status === step.to) return 'APPLY';
  return 'TOO_EARLY';
}
