import smpp from 'smpp';
import { LocalSmsc, type SubmittedSm } from '../../apps/cli/src/demo/local-smsc.js';

export type { ReceiptStat, ReceivedSms, SubmittedSm } from '../../apps/cli/src/demo/local-smsc.js';

/**
 * The local SMSC with faults to order: while `failWith` is set (or for the next `failNext`
 * submissions) it answers with that error status; while `holdResponses` is set it answers
 * nothing, as an SMSC that hangs.
 */
export class TestSmsc extends LocalSmsc {
  failWith: number | null = null;
  failNext = 0;
  failNextWith: number = smpp.errors.ESME_RSYSERR ?? 0x08;
  holdResponses = false;
  /** Refuses the submissions it returns a status for (one part of a long message, say). */
  refuse: ((sm: SubmittedSm) => number | null) | null = null;
  /** The most submit_sm awaiting a response at once (the ESME's window, as seen here). */
  maxOutstanding = 0;
  private outstanding = 0;
  private readonly held: (() => void)[] = [];

  protected override received(session: smpp.Session, pdu: smpp.PDU, sm: SubmittedSm) {
    this.outstanding++;
    this.maxOutstanding = Math.max(this.maxOutstanding, this.outstanding);
    const answer = () => {
      this.outstanding--;
      this.answer(session, pdu, sm);
    };
    if (this.holdResponses) this.held.push(answer);
    else answer();
  }

  /** Answers the submissions held so far, and the next ones at once. */
  release() {
    this.holdResponses = false;
    for (const answer of this.held.splice(0)) answer();
  }

  private answer(session: smpp.Session, pdu: smpp.PDU, sm: SubmittedSm) {
    const failure = this.failNext > 0 ? this.failNextWith : (this.refuse?.(sm) ?? this.failWith);
    if (this.failNext > 0) this.failNext--;
    if (failure !== null) {
      session.send(pdu.response({ command_status: failure }));
      return;
    }
    this.accept(session, pdu, sm);
  }
}
