import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { Categories, Natures } from '#common';
import type { LabelledPetition } from './classifier-model.js';

/** One line of a labelled file in the shared fixture format (data/corpus/README.md). */
const fixtureSchema = z.object({
  id: z.string(),
  title: z.string(),
  content: z.string(),
  divisionCode: z.string().regex(/^\d{6}(\d{3})?$/),
  expected: z.object({
    nature: z.enum(Natures),
    category: z.enum(Categories),
    routeDivisionCode: z.string().regex(/^\d{6}$/),
    triage: z.boolean(),
    accusedUnits: z.array(z.string()).optional(),
  }),
});

/** A labelled petition with where it should go. */
export interface LabelledFixture extends LabelledPetition {
  id: string;
  divisionCode: string;
  /** The county-level (or prefecture) government whose unit should lead. */
  routeDivisionCode: string;
  /** Too unclear to route without a person. */
  triage: boolean;
  /** When labelled: units accused, as `division:KIND[:CATEGORY]`. */
  accusedUnits: string[] | null;
}

/** Reads a labelled JSON Lines file; a malformed line stops it with its number. */
export function readLabelledFile(path: string): LabelledFixture[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .flatMap((line, i) => {
      if (!line.trim()) return [];
      const parsed = fixtureSchema.safeParse(JSON.parse(line));
      if (!parsed.success) {
        throw new Error(`${path}:${i + 1}: ${z.prettifyError(parsed.error)}`);
      }
      const { id, title, content, divisionCode, expected } = parsed.data;
      const prefecture = `${divisionCode.slice(0, 4)}00`;
      return [
        {
          id,
          title,
          content,
          divisionCode,
          nature: expected.nature,
          category: expected.category,
          level:
            divisionCode === prefecture
              ? null
              : expected.routeDivisionCode === prefecture
                ? ('PREFECTURE' as const)
                : ('COUNTY' as const),
          routeDivisionCode: expected.routeDivisionCode,
          triage: expected.triage,
          accusedUnits: expected.accusedUnits ?? null,
        },
      ];
    });
}
