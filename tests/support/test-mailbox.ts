import { LocalMailbox } from '../../apps/cli/src/demo/local-mailbox.js';

export type { ReceivedMail } from '../../apps/cli/src/demo/local-mailbox.js';

/** The local mailbox, answering 550 for the recipients in `refuse`. */
export class TestMailbox extends LocalMailbox {
  readonly refuse = new Set<string>();

  protected override refuses(address: string): boolean {
    return this.refuse.has(address);
  }
}
