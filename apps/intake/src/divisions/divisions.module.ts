import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Division } from './division.entity.js';
import { DivisionsController } from './divisions.controller.js';
import { DivisionsService } from './divisions.service.js';

/** The NBS administrative divisions petitions are placed in. */
@Module({
  imports: [TypeOrmModule.forFeature([Division])],
  controllers: [DivisionsController],
  providers: [DivisionsService],
  exports: [DivisionsService],
})
export class DivisionsModule {}
