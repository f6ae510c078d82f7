import type { HeldOutRun } from '../classification/classifier-training.js';
import type { LabelledFixture } from '../classification/labelled-file.js';
import { PetitionRouter } from './petition-router.js';
import { type CandidateUnit, countyOf } from './routing-policy.js';

/** At most this share of automatically routed petitions may reach a wrong unit (issue target). */
export const MAX_WRONG_UNIT_SHARE = 0.02;

/** Whether a unit is where a labelled petition should go: its county (or prefecture) and category. */
export const isRightUnit = (
  unit: { divisionCode: string; categories: readonly string[] },
  fixture: LabelledFixture,
) =>
  countyOf(unit.divisionCode) === fixture.routeDivisionCode &&
  unit.categories.includes(fixture.category);

/** How sure the router is of a labelled petition, and whether routing it would be wrong. */
export function routedOutcome(
  router: PetitionRouter,
  units: readonly CandidateUnit[],
  f: LabelledFixture,
): { confidence: number; wrong: boolean } | null {
  const { classification, decision } = router.route(
    {
      divisionCode: f.divisionCode,
      title: f.title,
      content: f.content,
      nature: null,
      category: null,
    },
    units,
    undefined,
    0,
  );
  if (decision.outcome !== 'assign' || !classification) return null;
  return {
    confidence: classification.confidence,
    wrong: f.triage || !isRightUnit(decision.lead.unit, f),
  };
}

/**
 * The lowest confidence threshold at which at most MAX_WRONG_UNIT_SHARE of the held-out petitions
 * routed automatically reach a wrong unit, counting a labelled-unclear petition routed at all as
 * wrong, and one wrong petition more than seen: the threshold that looks just good enough on the
 * petitions it was chosen on is a little worse on new ones. Each run routes its petitions with its
 * own model at threshold 0, to see every confidence.
 */
export function chooseAutoRouteThreshold(
  runs: readonly HeldOutRun<LabelledFixture>[],
  units: readonly CandidateUnit[],
): number {
  const outcomes = runs.flatMap(({ model, heldOut }) => {
    const router = new PetitionRouter(model);
    return heldOut.flatMap((f) => routedOutcome(router, units, f) ?? []);
  });
  outcomes.sort((a, b) => b.confidence - a.confidence);
  let threshold = 1;
  let wrong = 0;
  outcomes.forEach((o, i) => {
    wrong += o.wrong ? 1 : 0;
    // Only between distinct confidences: a threshold cannot split equal ones.
    if (outcomes[i + 1]?.confidence === o.confidence) return;
    if ((wrong + 1) / (i + 2) <= MAX_WRONG_UNIT_SHARE) threshold = o.confidence;
  });
  return threshold;
}
