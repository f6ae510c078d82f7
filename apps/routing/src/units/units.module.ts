import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DivisionCatalogue } from './division-catalogue.js';
import { UnitDirectory } from './unit-directory.js';
import { UnitSchemas } from './unit-schema.js';
import { UnitsController } from './units.controller.js';
import { UnitsService } from './units.service.js';

/** The unit directory (单位名录): who can receive cases, kept by admins. */
@Module({
  controllers: [UnitsController],
  providers: [
    // The division codes are read once, when the module starts.
    { provide: UnitSchemas, useFactory: () => new UnitSchemas(DivisionCatalogue.load()) },
    {
      provide: UnitDirectory,
      inject: [DataSource, UnitSchemas],
      useFactory: (dataSource: DataSource, schemas: UnitSchemas) =>
        new UnitDirectory(dataSource, schemas),
    },
    UnitsService,
  ],
})
export class UnitsModule {}
