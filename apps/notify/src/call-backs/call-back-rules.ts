import type { PhoneKind, StaffUser } from '#common';

/** How a petitioner is told: by SMS to a mobile, by a registrar's call to a landline. */
export function petitionerChannel(kind: PhoneKind | null): 'sms' | 'call-back' {
  // No kind: a phone stored before landlines were taken, which was always a mobile.
  return kind === 'landline' ? 'call-back' : 'sms';
}

/** What came of a call: the petitioner was told, could not be reached, or the number is wrong. */
export const CallOutcomes = ['TOLD', 'NOT_REACHED', 'WRONG_NUMBER'] as const;
export type CallOutcome = (typeof CallOutcomes)[number];

/**
 * Whether a call ends the call-back. Not reached: someone calls again. A wrong number ends it:
 * calling again will not help, the notice goes by letter (the note says so).
 */
export const endsCallBack = (outcome: CallOutcome) => outcome !== 'NOT_REACHED';

/**
 * Who calls: the registrars and dispatchers of the unit that registered the case (they took
 * the call or the letter); admins see every call-back, those of no unit included.
 */
export function mayCall(staff: StaffUser, unitCode: string | null): boolean {
  if (staff.roles.includes('admin')) return true;
  return (
    unitCode !== null &&
    staff.unitCode === unitCode &&
    staff.roles.some((role) => role === 'registrar' || role === 'dispatcher')
  );
}
