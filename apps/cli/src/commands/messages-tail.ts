import { setTimeout as sleep } from 'node:timers/promises';
import { describeMessage, type MessageLog } from '../demo/message-log.js';

const FOLLOW_POLL_MS = 500;

/**
 * Writes every message the demo sent, oldest first, each with its whole text; with `follow`,
 * goes on writing those that come until stopped (Ctrl-C).
 */
export async function messagesTail(
  log: MessageLog,
  options: { follow: boolean },
  write: (text: string) => void,
): Promise<void> {
  let { messages, offset } = await log.readFrom(0);
  if (messages.length === 0 && !options.follow) {
    write(
      `no messages in ${log.file} yet: \`npm run demo\` keeps there the SMS and email it sends\n`,
    );
  }
  for (;;) {
    for (const message of messages) write(`${describeMessage(message)}\n`);
    if (!options.follow) return;
    await sleep(FOLLOW_POLL_MS);
    ({ messages, offset } = await log.readFrom(offset));
  }
}
