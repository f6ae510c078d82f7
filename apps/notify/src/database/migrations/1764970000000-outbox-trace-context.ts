import type { MigrationInterface, QueryRunner } from 'typeorm';
import { addOutboxTraceContext, dropOutboxTraceContext } from '#common';

/** Tracing: each outbox message keeps the trace it belongs to, so jobs join the request's trace. */
export class OutboxTraceContext1764970000000 implements MigrationInterface {
  async up(runner: QueryRunner) {
    await addOutboxTraceContext(runner, 'notify');
  }

  async down(runner: QueryRunner) {
    await dropOutboxTraceContext(runner, 'notify');
  }
}
