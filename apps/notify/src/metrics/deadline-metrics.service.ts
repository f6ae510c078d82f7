import { Injectable, type OnModuleInit } from '@nestjs/common';
import { MetricsService } from '#common';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { countOpen } from '../deadlines/deadline.repository.js';

/**
 * Open and overdue legal deadlines by kind, counted in notify.deadline when Prometheus scrapes,
 * so every replica reports the same true figure (take `max` across replicas).
 */
@Injectable()
export class DeadlineMetricsService implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsService,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit() {
    const dataSource = this.dataSource;
    new Gauge({
      name: 'xinfang_deadlines',
      help: 'Legal deadlines by kind and state: open (the clock runs), overdue (open, past due)',
      labelNames: ['kind', 'state'],
      registers: [this.metrics.appRegistry],
      async collect() {
        const rows = await countOpen(dataSource.manager);
        this.reset();
        for (const row of rows) {
          this.set({ kind: row.kind, state: 'open' }, row.open);
          this.set({ kind: row.kind, state: 'overdue' }, row.overdue);
        }
      },
    });
  }
}
