import { Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { MetricsService } from '#common';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';

interface DeadlineCount {
  kind: string;
  open: number;
  overdue: number;
}

/**
 * Open and overdue legal deadlines by kind, counted in notify.deadline when Prometheus scrapes,
 * so every replica reports the same true figure (take `max` across replicas).
 */
@Injectable()
export class DeadlineMetrics implements OnModuleInit {
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
        const rows = await dataSource.query<DeadlineCount[]>(
          `SELECT kind, count(*)::int AS open, (count(*) FILTER (WHERE due_at < now()))::int AS overdue
           FROM notify.deadline WHERE status = 'OPEN' GROUP BY kind`,
        );
        this.reset();
        for (const row of rows) {
          this.set({ kind: row.kind, state: 'open' }, row.open);
          this.set({ kind: row.kind, state: 'overdue' }, row.overdue);
        }
      },
    });
  }
}

@Module({ providers: [DeadlineMetrics] })
export class DeadlineMetricsModule {}
