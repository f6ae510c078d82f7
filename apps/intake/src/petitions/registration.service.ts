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
import { HotspotDetector } from '../repeats/hotspot-detector.js';
import { RepeatDetector } from '../repeats/repeat-detector.js';
import { Petitioner } from '../database/petitioner.entity.js';
import { insertWithCaseNo } from './case-number.js';
import { idempotencyKeyReused, type IdempotencyClaim } from './idempotency.js';
import { PetitionerRecords, type PetitionerDetails } from './petitioner-records.js';
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
  constructor(
    private readonly transactions: Transactions,
    private readonly queryCodes: QueryCodes,
    private readonly petitioners: PetitionerRecords,
    private readonly cipher: PersonalDataCipher,
    private readonly divisions: DivisionsService,
    private readonly repeats: RepeatDetector,
    private readonly hotspots: HotspotDetector,
  ) {}

  /** With an idempotency claim, a repeated request gets the first receipt and creates nothing. */
  async register(petition: NewPetition, idempotency?: IdempotencyClaim): Promise<Receipt> {
    await this.requireKnownDivision(petition.divisionCode);
    return this.transactions.run(async (tx) => {
      if (idempotency) {
        const earlier = await this.claim(tx, idempotency);
        if (earlier) return earlier;
      }
      const receipt = await this.insert(tx, petition);
      petitionMetrics.received(tx, petition.channel);
      if (idempotency) {
        await tx.manager.query(
          `UPDATE intake.idempotency_record SET response_sealed = $3 WHERE scope = $1 AND key = $2`,
          [
            idempotency.scope,
            idempotency.key,
            this.cipher.encrypt('receipt', JSON.stringify(receipt)),
          ],
        );
      }
      return receipt;
    });
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
    const taken = await tx.manager.query<unknown[]>(
      `INSERT INTO intake.idempotency_record (scope, key, request_hash) VALUES ($1, $2, $3)
       ON CONFLICT (scope, key) DO NOTHING RETURNING key`,
      [claim.scope, claim.key, claim.requestHash],
    );
    if (taken.length === 1) return undefined;
    const [first] = await tx.manager.query<{ request_hash: string; response_sealed: string }[]>(
      `SELECT request_hash, response_sealed FROM intake.idempotency_record
       WHERE scope = $1 AND key = $2`,
      [claim.scope, claim.key],
    );
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
    const original = await this.repeats.findOriginal(tx.manager, petition);
    if (petition.petitioners.length > 0) {
      await tx.manager.insert(
        Petitioner,
        petition.petitioners.map((person, position) =>
          this.petitioners.seal(petitionId, position, person),
        ),
      );
    }
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
        visibleToPetitioner: true,
        data: { caseNo: original.caseNo, reason: CONCLUDED_BY_RE_REVIEW },
      });
    } else if (original) {
      // Not routed anew: the units already holding the case hear of it, and it counts there.
      await tx.publish('petition.repeated', {
        petitionId,
        originalPetitionId: original.id,
        originalCaseNo: original.caseNo,
      });
      const similarity = Number(original.similarity.toFixed(3));
      await tx.recordTimeline({
        petitionId,
        type: 'petition.linked-as-repeat',
        visibleToPetitioner: true,
        data: { caseNo: original.caseNo, similarity },
      });
      await tx.recordTimeline({
        petitionId: original.id,
        type: 'petition.repeated',
        visibleToPetitioner: true,
        data: { petitionId, similarity },
      });
    } else {
      await tx.publish('petition.received', { petitionId });
    }
    if (original) await tx.manager.increment(Petition, { id: original.id }, 'repeatCount', 1);
    const hotspotId = original
      ? null
      : await this.hotspots.link(tx, {
          petitionId,
          title: petition.title,
          content: petition.content,
          personCount: petition.personCount,
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
      status: original ? (original.final ? 'NOT_ACCEPTED_AGAIN' : 'REPEAT') : 'RECEIVED',
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
