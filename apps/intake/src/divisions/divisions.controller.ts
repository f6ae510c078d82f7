import { Controller, Get, Query } from '@nestjs/common';
import { ZodValidationPipe } from '#common';
import { divisionChildrenSchema, type DivisionChildrenQuery } from './division.schemas.js';
import { DivisionsService } from './divisions.service.js';

/** The division table for staff forms (the registrar's place picker), one level at a time. */
@Controller('api/v1/divisions')
export class DivisionsController {
  constructor(private readonly divisions: DivisionsService) {}

  @Get()
  async children(
    @Query(new ZodValidationPipe(divisionChildrenSchema)) query: DivisionChildrenQuery,
  ) {
    return { items: await this.divisions.children(query.parent ?? null) };
  }
}
