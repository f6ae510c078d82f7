import { LocalMailbox } from './local-mailbox.js';
import { LocalSmsc } from './local-smsc.js';
import type { MessageLog } from './message-log.js';

/**
 * The demo's SMS centre and mailbox, on local ports, keeping every message in the message log;
 * `settings` make notify send to them.
 */
export async function startDemoMessaging(log: MessageLog) {
  const at = () => new Date().toISOString();
  const smsc = new LocalSmsc('xinfang', 'demo', (sms) => {
    log.append({ at: at(), channel: 'sms', to: [sms.destination], text: sms.text });
  });
  // Each handset has it at once: notify records the SMS as delivered.
  smsc.receipts = () => 'DELIVRD';
  const mailbox = new LocalMailbox((mail) => {
    log.append({ at: at(), channel: 'email', to: mail.to, subject: mail.subject, text: mail.text });
  });
  await smsc.start();
  await mailbox.start();
  return {
    smsc,
    mailbox,
    settings: {
      ...smsc.serviceSettings(),
      ...mailbox.serviceSettings(),
      // A fallback configured for real use would take the demo's SMS elsewhere.
      SMS_FALLBACK_PROVIDER: '',
    },
    async stop() {
      await Promise.all([smsc.stop(), mailbox.stop()]);
    },
  };
}
