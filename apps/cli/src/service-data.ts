import { DataSource } from 'typeorm';
import { serviceDataSourceOptions, type AppConfig, type ServiceDataSourceSpec } from '#common';
import { intakeData } from '../../intake/src/database/intake-data.js';
import { notifyData } from '../../notify/src/database/notify-data.js';
import { routingData } from '../../routing/src/database/routing-data.js';

export const allServiceData: ServiceDataSourceSpec[] = [intakeData, routingData, notifyData];

export async function withDataSource<T>(
  config: Pick<AppConfig, 'DATABASE_URL'>,
  spec: ServiceDataSourceSpec,
  work: (dataSource: DataSource) => Promise<T>,
): Promise<T> {
  const dataSource = new DataSource(serviceDataSourceOptions(config, spec));
  await dataSource.initialize();
  try {
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
