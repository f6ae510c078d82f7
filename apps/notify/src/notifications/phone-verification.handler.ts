import { Injectable, Logger } from '@nestjs/common';
import { OnJob, PersonalDataCipher, type JobPayload, type Tx } from '#common';
import { DeliveryChannelsService } from '../channels/delivery-channels.service.js';
import { phoneVerification } from '../database/published-views.repository.js';
import { render } from './templates.js';

/**
 * Texts an online petitioner the code that verifies their phone, at once (no quiet hours: they
 * asked for it now). Sent directly rather than stored as a notification: the code lives five
 * minutes, is never written to notify, and the phone is read from intake's view only to send.
 */
@Injectable()
export class PhoneVerificationHandler {
  private readonly logger = new Logger(PhoneVerificationHandler.name);

  constructor(
    private readonly channels: DeliveryChannelsService,
    private readonly cipher: PersonalDataCipher,
  ) {}

  @OnJob('phone.verification-requested')
  async onRequested(payload: JobPayload<'phone.verification-requested'>, tx: Tx) {
    const verification = await phoneVerification(tx.manager, payload.verificationId);
    if (!verification) throw new Error(`verification ${payload.verificationId} not found`);
    if (verification.expired) {
      this.logger.warn({ msg: 'verification code expired before it was sent', ...ids(payload) });
      return;
    }
    const phone = this.cipher.decrypt('phone', verification.phone_sealed);
    const code = this.cipher.decrypt('verificationCode', payload.codeSealed);
    const message = render('phone.verification', {}, { code });
    const sent = await this.channels.send(
      'sms',
      phone,
      { notificationId: payload.verificationId, template: 'phone.verification', ...message },
      1,
    );
    this.logger.log({ msg: 'verification code sent', ...ids(payload), provider: sent.provider });
  }
}

function ids(payload: JobPayload<'phone.verification-requested'>) {
  return { verificationId: payload.verificationId };
}
