import { ApiError } from '../../api/client';
import { staffCall } from '../session';
import type { CaseSupervisions, SupervisionNotice } from './types';

/**
 * The supervision notices of a case that this user may read: none when the service answers 404
 * (it does not say whether others exist).
 */
export async function caseNotices(caseNo: string): Promise<SupervisionNotice[]> {
  try {
    const path = `/api/v1/cases/${encodeURIComponent(caseNo)}/supervisions`;
    return (await staffCall<CaseSupervisions>('GET', path)).items;
  } catch (failure) {
    if (failure instanceof ApiError && failure.status === 404) return [];
    throw failure;
  }
}
