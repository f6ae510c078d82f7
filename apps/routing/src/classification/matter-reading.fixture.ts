import type { MatterReading } from './matter-reader.js';

/** A reading in which the phrase rules found nothing: tests build theirs on it. */
export const NOTHING_READ: MatterReading = {
  accusedCountyLeader: null,
  accusedOfficials: [],
  mentions: [],
  legalProceedings: [],
  prefectureBody: null,
  countyBody: null,
  secondInstance: false,
  legalChannel: { channel: 'LAWSUIT', evidence: [] },
};
