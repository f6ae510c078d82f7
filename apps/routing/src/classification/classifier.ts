import type { Category, Nature } from '#common';
import type { ClassifierModel, MatterLevel, Scored } from './classifier-model.js';
import type { MatterReading } from './matter-reader.js';

/** What a petition is, how sure routing is, and why. */
export interface Classification {
  nature: Nature;
  category: Category;
  /** Whose unit leads: the county's or the prefecture's. */
  level: MatterLevel | null;
  /**
   * Calibrated probability that the category and the level, and so the unit, are right; below
   * the model's auto-routing threshold a person decides.
   */
  confidence: number;
  /** The features that spoke most for the nature and the category, strongest first. */
  evidence: { nature: string[]; category: string[] };
  /**
   * Every category and level with its probability (the principle's category as it decided), from
   * which routing sums the probability of the unit rather than of one category: 住建局 leads
   * housing, construction and property alike.
   */
  distribution: {
    categories: { code: Category; probability: number }[];
    levels: { code: MatterLevel; probability: number }[];
  };
  /** The three most probable categories with their evidence, for the dispatcher. */
  suggestions: { category: Category; probability: number; evidence: string[] }[];
  /** The legal principle that decided the category over the model, if one did. */
  principle: 'ACCUSED_OFFICIAL' | null;
  modelVersion: string;
}

const SUGGESTIONS = 3;

/**
 * The model's reading of nature and category, with the legal principle that stays a rule: an
 * accusation of misconduct by a public official goes to discipline inspection whatever its subject
 * (信访工作条例 分类处理; the phrase rules find the official, matter-reader.ts).
 */
export class PetitionClassifier {
  constructor(private readonly model: ClassifierModel) {}

  get modelVersion() {
    return this.model.version;
  }

  /** Below this confidence a person decides (chosen on the dev split with the model). */
  get triageThreshold() {
    return this.model.autoRouteThreshold;
  }

  /**
   * @param title, content normalised (normalisePetitionText)
   * @param knownLevel the level the place or the text settles (levelFromText): not in doubt.
   * @param givenNature the nature the registrar or the petitioner stated: taken as it is.
   */
  classify(
    title: string,
    content: string,
    reading: MatterReading,
    knownLevel: MatterLevel | null,
    givenNature?: Nature,
  ): Classification {
    const { natures, categories, levels } = this.model.read(title, content, reading);
    const levelReadings = knownLevel ? [{ code: knownLevel, probability: 1 }] : levels;
    const topLevel = levelReadings[0];
    const topNature = natures[0];
    const topCategory = categories[0];
    if (!topNature || !topCategory) throw new Error('classifier model has no classes');
    // The legal principle: an official accused of misconduct makes it a discipline matter, as sure
    // as the phrase rules proved on the training petitions; a nature the registrar gave stands.
    const accusesOfficial =
      reading.accusedOfficials.length > 0 && (givenNature ?? 'ACCUSATION') === 'ACCUSATION';
    const nature = accusesOfficial ? 'ACCUSATION' : (givenNature ?? topNature.code);
    const discipline = categories.find((c) => c.code === 'DISCIPLINE');
    // The principle decides over the model; where the model agrees, it is as sure as the
    // principle at least.
    const principled = accusesOfficial && discipline && topCategory.code !== 'DISCIPLINE';
    const chosen: Scored<Category> =
      accusesOfficial && discipline
        ? {
            code: 'DISCIPLINE',
            probability: Math.max(discipline.probability, this.model.accusedOfficialPrecision),
            evidence: principled
              ? reading.accusedOfficials.map((o) => `举报:${o.asWritten}`)
              : discipline.evidence,
          }
        : topCategory;
    return {
      nature,
      category: chosen.code,
      level: topLevel?.code ?? null,
      confidence: round(chosen.probability * (topLevel?.probability ?? 1)),
      evidence: {
        nature: givenNature
          ? ['(given)']
          : principled
            ? ['(accused official)']
            : topNature.evidence,
        category: chosen.evidence,
      },
      distribution: {
        categories: distributionWith(chosen, categories),
        levels: levelReadings.map(({ code, probability }) => ({ code, probability })),
      },
      suggestions: [chosen, ...categories.filter((c) => c.code !== chosen.code)]
        .slice(0, SUGGESTIONS)
        .map((c) => ({
          category: c.code,
          probability: round(c.probability),
          evidence: c.evidence,
        })),
      principle: principled ? 'ACCUSED_OFFICIAL' : null,
      modelVersion: this.model.version,
    };
  }
}

/** The categories' probabilities with the chosen one as decided, the others scaled to the rest. */
function distributionWith(chosen: Scored<Category>, categories: readonly Scored<Category>[]) {
  const before = categories.find((c) => c.code === chosen.code)?.probability ?? 0;
  const scale = before < 1 ? (1 - chosen.probability) / (1 - before) : 0;
  return categories.map(({ code, probability }) => ({
    code,
    probability: code === chosen.code ? chosen.probability : probability * scale,
  }));
}

const round = (p: number) => Math.round(p * 1000) / 1000;
