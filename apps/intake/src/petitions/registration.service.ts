import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  petitionMetrics,
  PersonalDataCipher,
  Transactions,
  validationFailed,
  type Bilingual,
  type Category,
  type Channel,
  type Nature,
  type Tx,
} from '#common';
import { Petition, type PetitionTransfer } from '../database/petition.entity.js';
import { DivisionsService } from '../divisions/divisions.service.js';
import { HotspotDetector } from '../repeats/hotspot-detector.service.js';
import { MatterSimilarity } from '../repeats/matter-similarity.js';
import { MatterTermsRepository } from '../repeats/matter-terms.repository.js';
import { RepeatDetector } from '../repeats/repeat-detector.service.js';
import { Petitioner } from '../database/petitioner.entity.js';
import {
  findIdempotencyRecord,
  storeIdempotentResponse,
  takeIdempotencyKey,
} from './idempotency-record.repository.js';
import { idempotencyKeyReused, type IdempotencyClaim } from './idempotency.js';
import { insertWithCaseNo, sharedPhoneIndexes } from './petition.repository.js';
import { PetitionerRecords, type PetitionerDetails } from './petitioner-records.service.js';
import { QueryCodes } from './query-code.js';

export interface Receipt {
  caseNo: string;
  queryCode: string;
  /** Set when the petition repeats an open case: it was added to that case. */
  repeatOf?: string;
  /** Set when the matter was concluded by re-review: registered, not accepted again (不再受理). */
  notAcceptedAgain?: { originalCaseNo: string; reason: Bilingual };
}

const CONCLUDED_BY_RE_REVIEW: Bilingual = {
  zh: '该信访事项已经复核终结，根据《信访工作条例》第三十六条，以同一事实和理由提出的信访事项不再受理',
  en: 'This matter was concluded by re-review; under article 36 of the Regulations on Petition Work it is not accepted again on the same facts and grounds',
};

/** A petition to register, from any channel. */
export interface NewPetition {
  channel: Channel;
  title: string;
  content: string;
  divisionCode: string;
  address: string;
  personCount: number;
  /** May be empty only for an anonymous accusation. */
  petitioners: PetitionerDetails[];
  nature?: Nature | undefined;
  category?: Category | undefined;
  receivedAt: Date;
  transfer?: PetitionTransfer | undefined;
  registeredBy?: { userId: string; unitCode: string } | undefined;
}

/**
 * Registers a petition: the petition, its petitioners, its case number, the outbox message that
 * sends it to routing and its first timeline entry are one transaction. Once the receipt is
 * returned the petition cannot be lost, whether or not Redis is up.
 */
@Injectable()
export class RegistrationService {
  private readonly text = MatterSimilarity.shared();

  constructor(
    private readonly transactions: Transactions,
    private readonly queryCodes: QueryCodes,
    private readonly petitioners: PetitionerRecords,
    private readonly cipher: PersonalDataCipher,
    private readonly divisions: DivisionsService,
    private readonly repeats: RepeatDetector,
    private readonly hotspots: HotspotDetector,
    private readonly matterTerms: MatterTermsRepository,
  ) {}

  /**
   * With an idempotency claim, a repeated request gets the first receipt and creates nothing.
   * `verify` runs in the transaction before anything is written, except for a repeated request
   * (its SMS code was used by the first).
   */
  async register(
    petition: NewPetition,
    idempotency?: IdempotencyClaim,
    verify?: (tx: Tx) => Promise<void>,
  ): Promise<Receipt> {
    await this.requireKnownDivision(petition.divisionCode);
    return this.transactions.run(async (tx) => {
      if (idempotency) {
        const earlier = await this.claim(tx, idempotency);
        if (earlier) return earlier;
      }
      if (verify) await verify(tx);
      const receipt = await this.insert(tx, petition);
      petitionMetrics.received(tx, petition.channel);
      if (idempotency) {
        await storeIdempotentResponse(
          tx.manager,
          idempotency,
          this.cipher.encrypt('receipt', JSON.stringify(receipt)),
        );
      }
      return receipt;
    });
  }

  /** The new petitioners whose phone is also on the original case: they may hear of the link. */
  private async sharingPhones(tx: Tx, originalId: string, people: Petitioner[]) {
    const withPhone = people.filter((p) => p.phoneIndex);
    if (withPhone.length === 0) return [];
    const shared = await sharedPhoneIndexes(
      tx.manager,
      originalId,
      withPhone.map((p) => p.phoneIndex),
    );
    return withPhone.filter((p) => p.phoneIndex && shared.has(p.phoneIndex)).map((p) => p.id);
  }

  private async requireKnownDivision(code: string) {
    const division = await this.divisions.find(code);
    if (division && division.level !== 'PROVINCE') return;
    throw validationFailed([
      {
        field: 'divisionCode',
        code: 'division_code_unknown',
        messages: {
          zh: '行政区划代码不存在（国家统计局2023年版区划代码）',
          en: 'is not a known county, township or prefecture code (NBS 2023 edition)',
        },
      },
    ]);
  }

  /**
   * Takes the key, or returns the receipt of the request that took it first. A concurrent
   * request with the same key waits on the primary key until the first one commits.
   */
  private async claim(tx: Tx, claim: IdempotencyClaim): Promise<Receipt | undefined> {
    if (await takeIdempotencyKey(tx.manager, claim)) return undefined;
    const first = await findIdempotencyRecord(tx.manager, claim);
    if (!first || first.request_hash !== claim.requestHash) throw idempotencyKeyReused();
    return JSON.parse(this.cipher.decrypt('receipt', first.response_sealed)) as Receipt;
  }

  /**
   * Everything that does not need the case number is written first (petitioners reference the
   * petition through a deferred foreign key); the number is taken by the last statement, which
   * also inserts the petition (see insertWithCaseNo).
   */
  private async insert(tx: Tx, petition: NewPetition): Promise<Receipt> {
    const petitionId = randomUUID();
    const queryCode = this.queryCodes.generate();
    // Read once: later registrations compare with what is stored, not with this text.
    const signature = this.text.read(petition.title, petition.content);
    await this.matterTerms.storeTerms(tx.manager, petitionId, signature.terms);
    const original = await this.repeats.findOriginal(tx.manager, {
      terms: signature.terms,
      petitioners: petition.petitioners,
    });
    const sealed = petition.petitioners.map((person, position) =>
      this.petitioners.seal(petitionId, position, person),
    );
    if (sealed.length > 0) await tx.manager.insert(Petitioner, sealed);
    await tx.recordTimeline({
      petitionId,
      type: 'petition.received',
      occurredAt: petition.receivedAt,
      visibleToPetitioner: true,
      data: { channel: petition.channel },
    });
    if (original?.final) {
      await tx.recordTimeline({
        petitionId,
        type: 'petition.not-accepted-again',
        // Names the earlier case: for staff only (publicStatus, public-view.ts).
        visibleToPetitioner: false,
        data: { caseNo: original.caseNo, reason: CONCLUDED_BY_RE_REVIEW },
      });
    } else if (original?.closed) {
      // The same matter after its answer: a new matter, routed to the unit that answered it
      // (routing reads the link), unless the petitioner asks for 复查 instead.
      await tx.publish('petition.received', { petitionId });
      await tx.recordTimeline({
        petitionId,
        type: 'petition.linked-to-concluded',
        visibleToPetitioner: false,
        data: { caseNo: original.caseNo, similarity: Number(original.similarity.toFixed(3)) },
      });
    } else if (original) {
      // Not routed anew: the units already holding the case hear of it, and it counts there.
      await tx.publish('petition.repeated', {
        petitionId,
        originalPetitionId: original.id,
        originalCaseNo: original.caseNo,
        ownPetitionerIds: await this.sharingPhones(tx, original.id, sealed),
      });
      const similarity = Number(original.similarity.toFixed(3));
      // Neither entry is public: they tell about another case (see public-view.ts).
      await tx.recordTimeline({
        petitionId,
        type: 'petition.linked-as-repeat',
        visibleToPetitioner: false,
        data: { caseNo: original.caseNo, similarity },
      });
      await tx.recordTimeline({
        petitionId: original.id,
        type: 'petition.repeated',
        visibleToPetitioner: false,
        data: { petitionId, similarity },
      });
    } else {
      await tx.publish('petition.received', { petitionId });
    }
    if (original) await tx.manager.increment(Petition, { id: original.id }, 'repeatCount', 1);
    // A repeat of an open case is counted there; anything routed anew may join a hotspot.
    const hotspotId =
      original && !original.closed
        ? null
        : await this.hotspots.link(tx, {
            petitionId,
            signature,
            divisionCode: petition.divisionCode,
            personCount: petition.personCount,
            // Online, 5+ people is a claim until staff confirm it (CollectiveClaims).
            collectiveConfirmed: petition.channel !== 'ONLINE',
            receivedAt: petition.receivedAt,
            personIndexes: this.petitioners.indexesOf(petition.petitioners),
          });

    const caseNo = await insertWithCaseNo(tx.manager, {
      id: petitionId,
      query_code_hash: this.queryCodes.hash(queryCode),
      // Notify texts the receipt to each petitioner with a phone (ReceiptCodeExpiry clears it).
      receipt_code_sealed: petition.petitioners.some((person) => person.phone)
        ? this.cipher.encrypt('queryCode', queryCode)
        : null,
      channel: petition.channel,
      title: petition.title,
      content: petition.content,
      division_code: petition.divisionCode,
      address: petition.address,
      person_count: petition.personCount,
      nature: petition.nature ?? null,
      category: petition.category ?? null,
      status:
        !original || original.closed
          ? 'RECEIVED'
          : original.final
            ? 'NOT_ACCEPTED_AGAIN'
            : 'REPEAT',
      repeat_of: original?.id ?? null,
      hotspot_id: hotspotId,
      received_at: petition.receivedAt,
      registered_by_unit: petition.registeredBy?.unitCode ?? null,
      registered_by_user: petition.registeredBy?.userId ?? null,
      transfer: petition.transfer ? JSON.stringify(petition.transfer) : null,
    });
    if (original?.final) {
      return {
        caseNo,
        queryCode,
        notAcceptedAgain: { originalCaseNo: original.caseNo, reason: CONCLUDED_BY_RE_REVIEW },
      };
    }
    return original ? { caseNo, queryCode, repeatOf: original.caseNo } : { caseNo, queryCode };
  }
}
