/**
 * The local SMSC of the SMS benchmark, in a process of its own so that it does not share an
 * event loop with the ESME it measures. Tells its parent its URL, then how many parts it took
 * whenever asked.
 */
import { TestSmsc } from '../support/test-smsc.js';

const smsc = new TestSmsc('bench', 'bench');
await smsc.start();
process.send?.({ url: smsc.url });
process.on('message', (message: string) => {
  if (message === 'count') process.send?.({ parts: smsc.submitted.length });
  if (message === 'stop') void smsc.stop().then(() => process.exit(0));
});
