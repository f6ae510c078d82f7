import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EdgeLimits, PersonalDataCipher, type AppConfig, type LimitWindow } from '#common';
import {
  PhoneVerifications,
  WrongVerificationCode,
  type PhoneProof,
} from '../verification/phone-verifications.service.js';
import { idempotencyClaim } from './idempotency.js';
import type { PublicSubmission } from './petition.schemas.js';
import { RegistrationService } from './registration.service.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** All a public answer says of a registration: never whether it joined another case. */
export interface PublicReceipt {
  caseNo: string;
  queryCode: string;
}

/**
 * The online form: limited per client IP and per phone, each petitioner's phone verified by its
 * SMS code (an anonymous accusation has none: it texts nobody and pages nobody).
 */
@Injectable()
export class PublicSubmissions {
  private readonly verificationRequired: boolean;
  private readonly perIp: number;
  private readonly perPhone: number;

  constructor(
    private readonly registration: RegistrationService,
    private readonly phones: PhoneVerifications,
    private readonly limits: EdgeLimits,
    private readonly cipher: PersonalDataCipher,
    config: ConfigService<AppConfig, true>,
  ) {
    this.verificationRequired = config.get('PHONE_VERIFICATION', { infer: true }) === 'required';
    this.perIp = config.get('PUBLIC_PETITIONS_PER_IP_PER_HOUR', { infer: true });
    this.perPhone = config.get('PUBLIC_PETITIONS_PER_PHONE_PER_DAY', { infer: true });
  }

  async submit(
    body: PublicSubmission,
    clientIp: string,
    idempotencyKey?: string,
  ): Promise<PublicReceipt> {
    const proofs = phoneProofs(body);
    const perPhone = proofs.map((proof): LimitWindow => ({
      name: 'petition-phone',
      key: this.cipher.blindIndex('phone', proof.phone),
      limit: this.perPhone,
      windowMs: DAY,
    }));
    await this.limits.take([
      { name: 'petition-ip', key: clientIp, limit: this.perIp, windowMs: HOUR },
    ]);
    // Checked now, counted once verified: a stranger's wrong codes do not use up a phone's quota.
    await this.limits.check(perPhone);
    const verify = this.verificationRequired
      ? async (tx: Parameters<PhoneVerifications['consume']>[0]) => {
          for (const proof of proofs) await this.phones.consume(tx, proof);
        }
      : undefined;
    const petitioners = body.petitioners.map(({ verificationCode: _code, ...person }) => person);
    try {
      const receipt = await this.registration.register(
        { ...body, petitioners, channel: 'ONLINE', receivedAt: new Date() },
        idempotencyClaim(idempotencyKey, 'public', body),
        verify,
      );
      await this.limits.count(perPhone);
      return { caseNo: receipt.caseNo, queryCode: receipt.queryCode };
    } catch (error) {
      if (error instanceof WrongVerificationCode) {
        await this.phones.countFailure(error.verificationId);
      }
      throw error;
    }
  }
}

/** One proof per distinct phone: the code given with its first petitioner. */
function phoneProofs(body: PublicSubmission): PhoneProof[] {
  const proofs = new Map<string, PhoneProof>();
  body.petitioners.forEach((person, i) => {
    if (!proofs.has(person.phone)) {
      proofs.set(person.phone, {
        phone: person.phone,
        code: person.verificationCode,
        field: `petitioners[${i}].verificationCode`,
      });
    }
  });
  return [...proofs.values()];
}
