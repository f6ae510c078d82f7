import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Transactions } from '#common';
import { Petition } from '../database/petition.entity.js';
import { Petitioner } from '../database/petitioner.entity.js';
import { PetitionerRecords } from './petitioner-records.js';
import { nextCaseNo } from './case-number.js';
import type { PublicSubmission } from './petition.schemas.js';
import { QueryCodes } from './query-code.js';

export interface Receipt {
  caseNo: string;
  queryCode: string;
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
  ) {}

  async registerOnline(submission: PublicSubmission): Promise<Receipt> {
    const receivedAt = new Date();
    const queryCode = this.queryCodes.generate();
    const caseNo = await this.transactions.run(async (tx) => {
      const petitionId = randomUUID();
      const caseNo = await nextCaseNo(tx.manager, submission.divisionCode, receivedAt);
      await tx.manager.insert(Petition, {
        id: petitionId,
        caseNo,
        queryCodeHash: this.queryCodes.hash(queryCode),
        channel: 'ONLINE',
        title: submission.title,
        content: submission.content,
        divisionCode: submission.divisionCode,
        address: submission.address,
        personCount: submission.personCount,
        nature: null,
        category: null,
        status: 'RECEIVED',
        receivedAt,
      });
      await tx.manager.insert(
        Petitioner,
        submission.petitioners.map((person, position) =>
          this.petitioners.seal(petitionId, position, person),
        ),
      );
      await tx.publish('petition.received', { petitionId, caseNo });
      await tx.recordTimeline({
        petitionId,
        type: 'petition.received',
        occurredAt: receivedAt,
        visibleToPetitioner: true,
        data: { channel: 'ONLINE' },
      });
      return caseNo;
    });
    return { caseNo, queryCode };
  }
}
