import { Module } from '@nestjs/common';
import { PersonalDataModule } from '#common';
import { HotspotDetector } from './hotspot-detector.service.js';
import { MatterTermsRepository } from './matter-terms.repository.js';
import { RepeatDetector } from './repeat-detector.service.js';

/** Repeat petitions (重复信访) and hotspots, found by the similarity of their matters. */
@Module({
  imports: [PersonalDataModule],
  providers: [RepeatDetector, HotspotDetector, MatterTermsRepository],
  exports: [RepeatDetector, HotspotDetector, MatterTermsRepository],
})
export class RepeatsModule {}
