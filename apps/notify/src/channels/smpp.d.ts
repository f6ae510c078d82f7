/** The part of the `smpp` package (0.5.1, untyped) that xinfang and its tests use. */
declare module 'smpp' {
  import type { EventEmitter } from 'node:events';
  import type { Server as NetServer } from 'node:net';

  namespace smpp {
    interface PDU {
      command: string;
      command_status: number;
      sequence_number: number;
      system_id?: string;
      password?: string;
      message_id?: string;
      source_addr?: string;
      destination_addr?: string;
      data_coding?: number;
      esm_class?: number;
      registered_delivery?: number;
      /** TLVs of a delivery receipt (deliver_sm). */
      receipted_message_id?: string;
      message_state?: number;
      /** As decoded by the package: the UDH elements and the text in the declared coding. */
      short_message?: { udh?: Buffer[]; message: string | Buffer };
      isResponse(): boolean;
      response(options?: Record<string, unknown>): PDU;
    }

    type ResponseCallback = (pdu: PDU) => void;

    class Session extends EventEmitter {
      send(pdu: PDU, responseCallback?: ResponseCallback): boolean;
      bind_transceiver(options: Record<string, unknown>, callback?: ResponseCallback): boolean;
      submit_sm(options: Record<string, unknown>, callback?: ResponseCallback): boolean;
      deliver_sm(options: Record<string, unknown>, callback?: ResponseCallback): boolean;
      enquire_link(options: Record<string, unknown>, callback?: ResponseCallback): boolean;
      unbind(options: Record<string, unknown>, callback?: ResponseCallback): boolean;
      close(callback?: () => void): void;
      destroy(callback?: () => void): void;
    }

    interface Server extends NetServer {
      sessions: Session[];
    }

    function connect(options: { url: string }, listener?: () => void): Session;
    function createServer(listener: (session: Session) => void): Server;

    /** SMPP command_status values by name, e.g. ESME_RSYSERR: 0x08. */
    const errors: Record<string, number>;
  }

  export = smpp;
}
