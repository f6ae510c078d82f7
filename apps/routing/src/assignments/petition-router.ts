import type { Category, Nature } from '#common';
import { type Classification, PetitionClassifier } from '../classification/classifier.js';
import { MatterReader } from '../classification/matter-reader.js';
import {
  type CandidateUnit,
  decideRoute,
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

export interface RoutingOutcome<U extends CandidateUnit> {
  /** The classifier's decision on the category; null when the registrar gave the category. */
  classification: Classification | null;
  facts: PetitionFacts;
  decision: RoutingDecision<U>;
}

/**
 * Classification, reading and the routing rules, in-process and without a database: what the
 * routing handler does with one petition, and what the benchmark measures. Build one per process
 * (the classifier loads jieba's dictionary).
 */
export class PetitionRouter {
  private readonly classifier = new PetitionClassifier();
  private readonly reader = new MatterReader();

  /** @param units the units of the place's township, county and prefecture. */
  route<U extends CandidateUnit>(
    petition: PetitionToRoute,
    units: readonly U[],
  ): RoutingOutcome<U> {
    const directory = new RoutingDirectory(units);
    const { classification, ...what } = this.whatItIs(petition);
    const facts: PetitionFacts = {
      divisionCode: petition.divisionCode,
      ...what,
      categoryGiven: petition.category !== null,
      reading: this.reader.read(
        petition.title,
        petition.content,
        directory.placeNames(placeOf(petition.divisionCode)),
      ),
    };
    return { classification, facts, decision: decideRoute(facts, directory) };
  }

  /** Nature and category as given where they were, classified where not. */
  private whatItIs(petition: PetitionToRoute) {
    if (petition.category && petition.nature) {
      return {
        nature: petition.nature,
        category: petition.category,
        confidence: null,
        classification: null,
      };
    }
    const classified = this.classifier.classify(
      petition.title,
      petition.content,
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
