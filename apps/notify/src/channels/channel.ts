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
  /** The provider's id of the message, when it gives one. */
  providerMessageId: string | null;
}

/** One way of delivering: an SMS provider, email, or the service log. */
export interface Channel {
  send(to: string, message: OutgoingMessage): Promise<Delivered>;
  /** Ends the connections it keeps, at shutdown. */
  close?(): Promise<void>;
}

/**
 * A delivery that did not happen. The code names the cause (an SMPP status, an SMTP reply, a
 * provider's error code) and goes into the notification row and the logs; it never holds message
 * text or an address. Retryable failures are tried again later.
 */
export class DeliveryError extends Error {
  constructor(
    readonly code: string,
    readonly retryable: boolean,
    message = code,
  ) {
    super(message);
  }
}
