import { distinctPetitioner, samplePetition } from './http.js';

/**
 * A matter that names no estate, company or village: thousands of petitions naming one estate
 * would make a hotspot each compares itself with, which is not what a load test measures.
 */
const PLAIN_MATTER = {
  title: '滨江路路灯损坏',
  content: '慈音街道滨江路一段的路灯坏了半个月，晚上一片漆黑，群众出行不便，请求尽快维修。',
  address: '遂宁市船山区慈音街道滨江路',
};

export interface LoadResult {
  /** Case numbers of the petitions acknowledged with 201. */
  accepted: string[];
  /** Requests that got no answer (the service was stopping or stopped). */
  unanswered: number;
  /** Answers other than 201, by status: none is expected. */
  otherStatuses: number[];
}

/**
 * Submits `count` online petitions of distinct people, `parallelism` at a time, and keeps what
 * each request got. `afterEach` runs after every answer (or failure), for a test to act mid-burst.
 */
export async function submitPetitions(
  intakeUrl: string,
  count: number,
  parallelism: number,
  afterEach: (result: LoadResult) => void = () => undefined,
): Promise<LoadResult> {
  const result: LoadResult = { accepted: [], unanswered: 0, otherStatuses: [] };
  let next = 0;
  const client = async () => {
    while (next < count) {
      const n = next++;
      try {
        const response = await fetch(`${intakeUrl}/api/v1/public/petitions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(
            samplePetition({ ...PLAIN_MATTER, petitioners: [distinctPetitioner(n)] }),
          ),
        });
        const body = (await response.json()) as { caseNo?: string };
        if (response.status === 201 && body.caseNo) result.accepted.push(body.caseNo);
        else result.otherStatuses.push(response.status);
      } catch {
        result.unanswered++;
      }
      afterEach(result);
    }
  };
  await Promise.all(Array.from({ length: parallelism }, client));
  return result;
}
