import { Injectable, type PipeTransform } from '@nestjs/common';
import { ZodValidationPipe } from '#common';
import { UnitSchemas, type UnitChanges, type UnitInput } from './unit-schema.js';

// The schemas need the division catalogue, which the module loads, hence injectable pipes. Each
// shows its schema, for the API document.

@Injectable()
export class NewUnitPipe implements PipeTransform<unknown, UnitInput> {
  constructor(private readonly schemas: UnitSchemas) {}

  get schema() {
    return this.schemas.unit;
  }

  transform(value: unknown): UnitInput {
    return new ZodValidationPipe(this.schema).transform(value);
  }
}

@Injectable()
export class UnitChangesPipe implements PipeTransform<unknown, UnitChanges> {
  constructor(private readonly schemas: UnitSchemas) {}

  get schema() {
    return this.schemas.changes;
  }

  transform(value: unknown): UnitChanges {
    return new ZodValidationPipe(this.schema).transform(value);
  }
}
