import type { Category, Nature } from '#common';
import { ClassifierModel, type MatterLevel } from '../classification/classifier-model.js';
import { type Classification, PetitionClassifier } from '../classification/classifier.js';
import { MatterReader, type MatterReading } from '../classification/matter-reader.js';
import { normalisePetitionText } from '../classification/petition-text.js';
import {
  type AccusedParty,
  accusedPartiesOf,
  type CandidateUnit,
  decideRoute,
  levelFromText,
  type PetitionFacts,
  placeOf,
  type RoutingDecision,
  RoutingDirectory,
} from './routing-policy.js';

/** The matter as intake registered it: what routing reads from intake.petition_for_routing_v1. */
export interface PetitionToRoute {
  divisionCode: string;
  title: string;
  content: string;
  /** As the registrar or the petitioner stated it, if they did. */
  nature: Nature | null;
  category: Category | null;
}

/** One of the classifier's best readings, with the unit the rules would give it to. */
export interface Suggestion {
  nature: Nature;
  category: Category;
  probability: number;
  evidence: string[];
  unitCode: string | null;
  rule: string | null;
}

export interface RoutingOutcome<U extends CandidateUnit> {
  /** The classifier's decision; null when the registrar gave nature and category. */
  classification: Classification | null;
  /** The three best readings for a dispatcher's one-click decision; empty when not classified. */
  suggestions: Suggestion[];
  facts: PetitionFacts;
  decision: RoutingDecision<U>;
}

/**
 * Reading, classification and the routing rules, in-process and without a database: what the
 * routing handler does with one petition, and what the benchmark and evaluation measure. Build one
 * per process (the model and jieba's dictionary load once).
 */
export class PetitionRouter {
  private readonly classifier: PetitionClassifier;
  private readonly reader = new MatterReader();

  constructor(model: ClassifierModel = ClassifierModel.load()) {
    this.classifier = new PetitionClassifier(model);
  }

  get modelVersion() {
    return this.classifier.modelVersion;
  }

  /**
   * @param units the units of the place's township, county and prefecture.
   * @param accused the accused parties as staff recorded them; read from the text when absent.
   * @param triageBelow the model's auto-routing threshold unless given (calibration sees all).
   */
  route<U extends CandidateUnit>(
    petition: PetitionToRoute,
    units: readonly U[],
    accused?: readonly AccusedParty[],
    triageBelow = this.classifier.triageThreshold,
  ): RoutingOutcome<U> {
    const directory = new RoutingDirectory(units);
    const place = placeOf(petition.divisionCode);
    const title = normalisePetitionText(petition.title);
    const content = normalisePetitionText(petition.content);
    const reading = this.reader.read(title, content, directory.placeNames(place));
    const { classification, ...what } = this.whatItIs(
      petition,
      title,
      content,
      reading,
      levelFromText(reading, place),
    );
    const read: PetitionFacts = {
      divisionCode: petition.divisionCode,
      ...what,
      level: classification?.level ?? null,
      categoryGiven: petition.category !== null,
      reading,
      accused: accused ?? accusedPartiesOf(reading, directory, place, what.nature),
    };
    const confidence = classification && unitProbability(classification, read, directory);
    const facts = confidence ? { ...read, confidence } : read;
    return {
      classification:
        classification && confidence ? { ...classification, confidence } : classification,
      suggestions: (classification?.suggestions ?? []).map((s) => {
        const nature = s.category === 'DISCIPLINE' ? 'ACCUSATION' : facts.nature;
        const routed = decideRoute({ ...facts, nature, category: s.category }, directory, 0);
        const lead = routed.outcome === 'assign' ? routed.lead : null;
        return { nature, ...s, unitCode: lead?.unit.code ?? null, rule: lead?.rule ?? null };
      }),
      facts,
      decision: decideRoute(facts, directory, triageBelow),
    };
  }

  /** Nature and category as given where they were, classified where not. */
  private whatItIs(
    petition: PetitionToRoute,
    title: string,
    content: string,
    reading: MatterReading,
    knownLevel: MatterLevel | null,
  ) {
    if (petition.category && petition.nature) {
      return {
        nature: petition.nature,
        category: petition.category,
        confidence: null,
        classification: null,
      };
    }
    const classified = this.classifier.classify(
      title,
      content,
      reading,
      knownLevel,
      petition.nature ?? undefined,
    );
    return petition.category
      ? {
          nature: classified.nature,
          category: petition.category,
          confidence: null,
          classification: null,
        }
      : {
          nature: classified.nature,
          category: classified.category,
          confidence: classified.confidence,
          classification: classified,
        };
  }
}

/** Readings below this probability cannot move a unit's total across a threshold worth having. */
const NEGLIGIBLE = 0.001;
const roundProbability = (p: number) => Math.round(p * 1000) / 1000;

/**
 * The probability that the unit the classification's reading leads to is right: the sum over every
 * category and level the classifier weighs of those that lead to the same unit, since routing is
 * right when the unit is (the county's 住建局 answers housing, construction and property alike).
 * Null when the reading leads to no unit: the rules send it to triage anyway.
 */
export function unitProbability<U extends CandidateUnit>(
  classification: Classification,
  facts: PetitionFacts,
  directory: RoutingDirectory<U>,
): number | null {
  const leadOf = (category: Category, level: MatterLevel) => {
    const nature = category === 'DISCIPLINE' ? 'ACCUSATION' : facts.nature;
    const routed = decideRoute(
      { ...facts, nature, category, level, confidence: null },
      directory,
      0,
    );
    return routed.outcome === 'assign' ? routed.lead.unit.code : null;
  };
  const { categories, levels } = classification.distribution;
  const lead = classification.level && leadOf(classification.category, classification.level);
  if (!lead) return null;
  let probability = 0;
  for (const category of categories) {
    if (category.probability < NEGLIGIBLE) continue;
    for (const level of levels) {
      const joint = category.probability * level.probability;
      if (joint >= NEGLIGIBLE && leadOf(category.code, level.code) === lead) probability += joint;
    }
  }
  return roundProbability(Math.min(1, probability));
}
