/** A message ready to go: rendered from its template, addressed by the caller. */
export interface OutgoingMessage {
  notificationId: string;
  template: string;
  subject: string;
  text: string;
  /** The template's values as shown, for cloud SMS templates that take parameters. */
  params: Record<string, string>;
}

export interface Delivered {
  /** The provider's id of the message, when it gives one (the parts' ids joined by commas). */
  providerMessageId: string | null;
  /** The id of each part the provider accepted, which its delivery receipts will name. */
  partIds: string[];
}

/** What a provider reports about a message after accepting it: the handset has it, or never will. */
export interface DeliveryReceipt {
  provider: string;
  messageId: string;
  state: 'DELIVERED' | 'FAILED';
  /** The report's status (UNDELIV, EXPIRED, a carrier code), when the message failed. */
  errorCode: string | null;
  /** Our notification id, when the provider echoes it (Alibaba Cloud's out_id). */
  notificationHint?: string | undefined;
}

/** Stores a receipt; resolves once it is safely recorded, so the provider may be answered. */
export type ReceiptSink = (receipt: DeliveryReceipt) => Promise<void>;

/** One way of delivering: an SMS provider, email, or the service log. */
export interface Channel {
  /** The provider's name as recorded with each notification: smpp, aliyun, tencent, smtp, log. */
  readonly provider: string;
  send(to: string, message: OutgoingMessage): Promise<Delivered>;
  /** Where receipts that arrive over the provider's own connection (SMPP deliver_sm) go. */
  onReceipt?(sink: ReceiptSink): void;
  /** Ends the connections it keeps, at shutdown. */
  close?(): Promise<void>;
}

/**
 * How sure we are of what happened to a message that failed:
 * - REFUSED: the provider answered and did not take it;
 * - UNREACHABLE: the provider could not be reached, so nothing was handed over (an outage);
 * - UNCERTAIN: it was handed over and no answer came (timeout, lost link): it may have gone out.
 */
export type FailureKind = 'REFUSED' | 'UNREACHABLE' | 'UNCERTAIN';

/**
 * A delivery that did not happen, or may not have. The code names the cause (an SMPP status, an
 * SMTP reply, a provider's error code) and goes into the notification row and the logs; it
 * never holds message text or an address. Retryable failures are tried again later, unless
 * UNCERTAIN: a message that may have gone out is never sent again without an operator.
 */
export class DeliveryError extends Error {
  constructor(
    readonly code: string,
    readonly retryable: boolean,
    readonly kind: FailureKind = 'REFUSED',
    message = code,
  ) {
    super(message);
  }
}
