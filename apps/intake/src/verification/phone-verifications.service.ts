import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  ApiError,
  EdgeLimits,
  PersonalDataCipher,
  Transactions,
  type AppConfig,
  type Tx,
} from '#common';
import {
  countVerificationFailure,
  insertVerification,
  lockLatestVerification,
  markVerificationUsed,
} from './phone-verification.repository.js';
import { CODE_INTERVAL_MS, CODE_TTL_MS, usable, VerificationCodes } from './verification-code.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A phone and the code its petitioner typed, with where the code sits in the request. */
export interface PhoneProof {
  phone: string;
  code: string | undefined;
  field: string;
}

/** A wrong code: the registration is rolled back, then the failure is counted (countFailure). */
export class WrongVerificationCode extends ApiError {
  constructor(
    readonly verificationId: string,
    field: string,
  ) {
    super(
      HttpStatus.BAD_REQUEST,
      'VALIDATION_FAILED',
      { zh: '请求内容有误，请按提示修改', en: 'The request has invalid fields' },
      [
        {
          field,
          code: 'verification_code_wrong',
          messages: { zh: '短信验证码不正确', en: 'is not the code sent to this phone' },
        },
      ],
    );
  }
}

const codeMissing = (field: string, code: string, zh: string, en: string) =>
  new ApiError(
    HttpStatus.BAD_REQUEST,
    'VALIDATION_FAILED',
    { zh: '请求内容有误，请按提示修改', en: 'The request has invalid fields' },
    [{ field, code, messages: { zh, en } }],
  );

/**
 * Verifies online petitioners' mobiles as the national online petition system does: a six-digit
 * code by SMS (sent by notify), valid five minutes, five tries, one a minute and
 * PHONE_CODES_PER_PHONE_PER_DAY a day to a phone, PHONE_CODES_PER_IP_PER_HOUR to a client.
 */
@Injectable()
export class PhoneVerifications {
  private readonly perPhonePerDay: number;
  private readonly perIpPerHour: number;

  constructor(
    private readonly transactions: Transactions,
    private readonly cipher: PersonalDataCipher,
    private readonly codes: VerificationCodes,
    private readonly limits: EdgeLimits,
    config: ConfigService<AppConfig, true>,
  ) {
    this.perPhonePerDay = config.get('PHONE_CODES_PER_PHONE_PER_DAY', { infer: true });
    this.perIpPerHour = config.get('PHONE_CODES_PER_IP_PER_HOUR', { infer: true });
  }

  /** Sends a new code to the phone; earlier codes of the phone stop working. */
  async request(phone: string, clientIp: string) {
    const phoneIndex = this.cipher.blindIndex('phone', phone);
    await this.limits.take([
      { name: 'code-ip', key: clientIp, limit: this.perIpPerHour, windowMs: HOUR },
      { name: 'code-phone-minute', key: phoneIndex, limit: 1, windowMs: CODE_INTERVAL_MS },
      { name: 'code-phone-day', key: phoneIndex, limit: this.perPhonePerDay, windowMs: DAY },
    ]);
    const id = randomUUID();
    const code = this.codes.generate();
    await this.transactions.run(async (tx) => {
      await insertVerification(tx.manager, {
        id,
        phoneIndex,
        phoneSealed: this.cipher.encrypt('phone', phone),
        codeHash: this.codes.hash(id, code),
        ttlMs: CODE_TTL_MS,
      });
      await tx.publish('phone.verification-requested', {
        verificationId: id,
        codeSealed: this.cipher.encrypt('verificationCode', code),
      });
    });
    return { expiresInSeconds: CODE_TTL_MS / 1000 };
  }

  /**
   * Uses up the phone's latest code, in the registration's transaction, or throws: a 400 naming
   * the field when there is no usable code, WrongVerificationCode when it differs.
   */
  async consume(tx: Tx, proof: PhoneProof): Promise<void> {
    if (!proof.code) {
      throw codeMissing(
        proof.field,
        'verification_code_required',
        '请填写发送到该手机的短信验证码',
        'is required: the code sent by SMS to this phone',
      );
    }
    const latest = await lockLatestVerification(
      tx.manager,
      this.cipher.blindIndex('phone', proof.phone),
    );
    const stored = latest && {
      expiresAt: latest.expires_at,
      failures: latest.failures,
      usedAt: latest.used_at,
    };
    if (!latest || !usable(stored, new Date())) {
      throw codeMissing(
        proof.field,
        'verification_code_expired',
        '短信验证码已失效，请重新获取',
        'has expired, was used or was tried too often: request a new code',
      );
    }
    if (!this.codes.matches(latest.id, proof.code, latest.code_hash)) {
      throw new WrongVerificationCode(latest.id, proof.field);
    }
    await markVerificationUsed(tx.manager, latest.id);
  }

  /** A wrong try, counted outside the rolled-back registration. */
  async countFailure(verificationId: string): Promise<void> {
    await this.transactions.run((tx) => countVerificationFailure(tx.manager, verificationId));
  }
}
