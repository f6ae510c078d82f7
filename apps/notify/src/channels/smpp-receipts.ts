import type { DeliveryReceipt } from './channel.js';

/** esm_class message type bits (SMPP 3.4 §5.2.12): 0x04 is an SMSC delivery receipt. */
const MESSAGE_TYPE_MASK = 0x3c;
const SMSC_DELIVERY_RECEIPT = 0x04;

/** message_state TLV values (SMPP 3.4 §5.2.28) that end a message's life. */
const FINAL_STATES: Record<number, string> = {
  2: 'DELIVRD',
  3: 'EXPIRED',
  4: 'DELETED',
  5: 'UNDELIV',
  8: 'REJECTD',
};

/** What a deliver_sm carries, as the smpp package decodes it. */
export interface DeliverSmFields {
  esm_class?: number;
  receipted_message_id?: string;
  message_state?: number;
  short_message?: { message: string | Buffer } | string | Buffer;
}

function receiptText(field: DeliverSmFields['short_message']): string {
  const value = typeof field === 'object' && !Buffer.isBuffer(field) ? field.message : field;
  if (value === undefined) return '';
  return typeof value === 'string' ? value : value.toString('latin1');
}

/**
 * The final state of a message from an SMSC delivery receipt, or null for anything else (a
 * message from a handset, an intermediate state such as ENROUTE or ACCEPTD). The message id is
 * the receipted_message_id TLV when there is one, else the `id:` of the receipt text (SMPP 3.4
 * Appendix B), which is what most SMSCs send; likewise message_state or `stat:`.
 */
export function smppReceipt(pdu: DeliverSmFields): Omit<DeliveryReceipt, 'provider'> | null {
  if (((pdu.esm_class ?? 0) & MESSAGE_TYPE_MASK) !== SMSC_DELIVERY_RECEIPT) return null;
  const text = receiptText(pdu.short_message);
  const messageId = pdu.receipted_message_id ?? /(?:^|\s)id:(\S+)/i.exec(text)?.[1];
  const stat =
    (pdu.message_state !== undefined ? FINAL_STATES[pdu.message_state] : undefined) ??
    /(?:^|\s)stat:(\w+)/i.exec(text)?.[1]?.toUpperCase();
  if (!messageId || !stat || !Object.values(FINAL_STATES).includes(stat)) return null;
  if (stat === 'DELIVRD') return { messageId, state: 'DELIVERED', errorCode: null };
  const err = /(?:^|\s)err:(\w+)/i.exec(text)?.[1];
  return { messageId, state: 'FAILED', errorCode: err ? `${stat}:${err}` : stat };
}
