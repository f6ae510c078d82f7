import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig, Tx } from '#common';
import { CLUSTER_THRESHOLD, MatterSimilarity, type MatterSignature } from './matter-similarity.js';
import {
  countJoining,
  hotspotPetitionIds,
  insertHotspot,
  joinHotspot,
  lockHotspotEntities,
  markHotspotRaised,
} from './hotspot.repository.js';
import { MatterTermsRepository } from './matter-terms.repository.js';

/** A cluster of this many cases is raised to the units as one problem. */
export const HOTSPOT_SIZE = 3;
/** A petition brought by this many people is collective (集体访) and raised at once. */
export const COLLECTIVE_SIZE = 5;
const WINDOW_DAYS = 90;

export interface NewMatter {
  petitionId: string;
  /** Its terms and entities, read once at registration. */
  signature: MatterSignature;
  divisionCode: string;
  personCount: number;
  /** False for the online form: its person count is a claim, raised once staff confirm it. */
  collectiveConfirmed: boolean;
  receivedAt: Date;
  /** Blind indexes of the petitioners, so a person's own petitions are not a hotspot. */
  personIndexes: string[];
}

/**
 * Links petitions of different people about the same estate, company, project or village (same
 * named entity in the same prefecture, text similarity at or above CLUSTER_THRESHOLD, within 90
 * days) into a hotspot. When a hotspot reaches HOTSPOT_SIZE cases, or a petition is collective,
 * it raises `hotspot.raised` so the units handling them and the petition bureau treat it as one
 * problem. A new petition is compared with the MATTER_COMPARISON_LIMIT most recent such
 * petitions, by their stored term vectors: the cost of a registration does not grow with the
 * hotspot.
 */
@Injectable()
export class HotspotDetector {
  private readonly text = MatterSimilarity.shared();
  private readonly comparisonLimit: number;

  constructor(
    private readonly stored: MatterTermsRepository,
    config: ConfigService<AppConfig, true>,
  ) {
    this.comparisonLimit = config.get('MATTER_COMPARISON_LIMIT', { infer: true });
  }

  /** Runs in the registration transaction, before the petition row exists (deferred keys). */
  async link(tx: Tx, matter: NewMatter): Promise<string | null> {
    const { entities } = matter.signature;
    let hotspotId: string | null = null;
    if (entities.length > 0) {
      await this.stored.storeEntities(tx.manager, { id: matter.petitionId, ...matter }, entities);
      hotspotId = await this.cluster(tx, matter, entities);
    }
    if (matter.personCount >= COLLECTIVE_SIZE && matter.collectiveConfirmed) {
      await tx.publish('hotspot.raised', {
        reason: 'COLLECTIVE',
        hotspotId,
        petitionIds: [matter.petitionId],
      });
    }
    return hotspotId;
  }

  private async cluster(tx: Tx, matter: NewMatter, entities: string[]): Promise<string | null> {
    await lockHotspotEntities(tx.manager, entities);
    const neighbours = await this.stored.hotspotCandidates(
      tx.manager,
      { ...matter, entities },
      WINDOW_DAYS,
      this.comparisonLimit,
    );
    const { terms } = matter.signature;
    const linked = neighbours.filter(
      (n) => this.text.similarityBeyond(terms, n.terms, n.shared) >= CLUSTER_THRESHOLD,
    );
    const [first] = linked;
    if (!first) return null;

    const existing = linked.find((n) => n.hotspotId)?.hotspotId;
    const hotspotId = existing ?? randomUUID();
    const members = linked.filter((n) => n.hotspotId !== hotspotId).map((n) => n.id);
    if (!existing) await insertHotspot(tx.manager, hotspotId, first.shared[0] ?? entities[0]);
    // Joining a hotspot moves no one when every linked petition is in it already.
    if (members.length > 0) await joinHotspot(tx.manager, hotspotId, members);
    // Counted by what joins (the members, and the new petition, whose row is written later in
    // the transaction), not by counting the hotspot's rows again: that grew with the hotspot.
    const hotspot = await countJoining(tx.manager, hotspotId, members.length);
    if (hotspot && hotspot.case_count >= HOTSPOT_SIZE && !hotspot.raised_at) {
      await markHotspotRaised(tx.manager, hotspotId);
      const petitionIds = await hotspotPetitionIds(tx.manager, hotspotId);
      await tx.publish('hotspot.raised', {
        reason: 'CLUSTER',
        hotspotId,
        petitionIds: [...petitionIds, matter.petitionId],
      });
    }
    return hotspotId;
  }
}
