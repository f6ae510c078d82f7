import type { Tx } from '#common';
import type { MatterReading } from '../classification/matter-reader.js';
import { LEGAL_CHANNEL_RULES } from '../classification/matter-terms.js';

/**
 * 诉访分离: a litigation matter is handled through the courts' and police's own procedures, and
 * the petitioner is told which one applies, on the case page they can see.
 */
export async function tellLegalChannel(
  tx: Tx,
  petitionId: string,
  { channel, evidence }: MatterReading['legalChannel'],
) {
  const rule = LEGAL_CHANNEL_RULES.find((r) => r.channel === channel);
  await tx.recordTimeline({
    petitionId,
    type: 'petition.legal-channel',
    visibleToPetitioner: true,
    data: { channel, evidence, guidance: rule?.guidance },
  });
}
