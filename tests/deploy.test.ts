import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { processRegistry, QueueName } from '#common';
import { readManifests, validateManifests, type Manifest } from './support/deploy-files.js';

const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const manifests = readManifests(root('deploy/k8s'));
const ofKind = <T>(kind: string) =>
  manifests.filter((m) => m.kind === kind) as unknown as (Manifest & T)[];
/** The three services' Deployments (the pages' nginx is tests/web-deploy.test.ts's). */
const serviceDeployments = () =>
  ofKind<{ spec: { template: { spec: PodSpec } } }>('Deployment').filter(
    (d) => d.metadata.name !== 'xinfang-web',
  );

interface PodSpec {
  terminationGracePeriodSeconds: number;
  containers: {
    readinessProbe?: { httpGet: { path: string } };
    livenessProbe?: { httpGet: { path: string } };
    resources?: { requests?: Record<string, string> };
    envFrom: ({ configMapRef?: { name: string } } | { secretRef?: { name: string } })[];
    env?: { name: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  }[];
}

/** Metrics read on scrape by each application (the rest are in the process registry). */
const APPLICATION_METRICS = [
  'xinfang_queue_jobs',
  'xinfang_outbox_unpublished',
  'xinfang_deadlines',
  'xinfang_calendar_next_year_loaded',
];

/** Node.js release lines and the end of their support (nodejs.org/en/about/previous-releases). */
const NODE_END_OF_LIFE: Record<number, string> = {
  20: '2026-04-30',
  22: '2027-04-30',
  24: '2028-04-30',
};

describe('deployment files', () => {
  it('the image runs a Node.js line still supported, and engines names only supported lines', () => {
    const majors = [...readFileSync(root('Dockerfile'), 'utf8').matchAll(/^FROM node:(\d+)/gm)].map(
      (m) => Number(m[1]),
    );
    assert.ok(majors.length > 0);
    const today = new Date().toISOString().slice(0, 10);
    for (const major of majors) {
      const end = NODE_END_OF_LIFE[major];
      assert.ok(end && end > today, `node:${major} in the Dockerfile is past its end of life`);
    }
    const { engines } = JSON.parse(readFileSync(root('package.json'), 'utf8')) as {
      engines: { node: string };
    };
    const named = [...engines.node.matchAll(/(\d+)\.\d+/g)].map((m) => Number(m[1]));
    for (const major of named) {
      const end = NODE_END_OF_LIFE[major];
      assert.ok(end && end > today, `engines names Node ${major}, past its end of life`);
    }
  });

  const config = ofKind<{ data: Record<string, string> }>('ConfigMap')[0]?.data ?? {};

  it('every Kubernetes manifest is valid against its schema', () => {
    assert.deepEqual(validateManifests(manifests), []);
  });

  it('each service has probes, resource requests and a grace period beyond SHUTDOWN_GRACE_MS', () => {
    const deployments = serviceDeployments();
    assert.deepEqual(deployments.map((d) => d.metadata.name).sort(), [
      'xinfang-intake',
      'xinfang-notify',
      'xinfang-routing',
    ]);
    for (const deployment of deployments) {
      const pod = deployment.spec.template.spec;
      const [container] = pod.containers;
      assert.ok(container, deployment.metadata.name);
      assert.equal(container.readinessProbe?.httpGet.path, '/health/ready');
      assert.equal(container.livenessProbe?.httpGet.path, '/health/live');
      assert.ok(container.resources?.requests?.cpu && container.resources.requests.memory);
      assert.ok(pod.terminationGracePeriodSeconds * 1000 > Number(config.SHUTDOWN_GRACE_MS));
      assert.deepEqual(container.envFrom, [
        { configMapRef: { name: 'xinfang-config' } },
        { secretRef: { name: 'xinfang-secrets' } },
      ]);
    }
  });

  it('each service gets the database URL of its own role only', () => {
    const deployments = serviceDeployments();
    for (const deployment of deployments) {
      const service = deployment.metadata.name.replace('xinfang-', '');
      const [container] = deployment.spec.template.spec.containers;
      assert.deepEqual(container?.env, [
        {
          name: `${service.toUpperCase()}_DATABASE_URL`,
          valueFrom: { secretKeyRef: { name: 'xinfang-database', key: `${service}-url` } },
        },
      ]);
    }
    const [job] = ofKind<{ spec: { template: { spec: PodSpec } } }>('Job');
    const names = job?.spec.template.spec.containers[0]?.env?.map((e) => e.name);
    assert.ok(names?.includes('MIGRATION_DATABASE_URL'));
    assert.ok(!('DATABASE_URL' in config) && !('REDIS_URL' in config), 'secrets stay in Secrets');
  });

  it('compose: Redis needs a password, ports are on the loopback, each service has its own role', () => {
    interface ComposeService {
      command?: string[];
      ports?: string[];
      environment?: Record<string, string>;
    }
    const compose = parse(readFileSync(root('docker-compose.yml'), 'utf8'), { merge: true }) as {
      services: Record<string, ComposeService>;
    };
    for (const [name, service] of Object.entries(compose.services)) {
      for (const port of service.ports ?? []) {
        assert.match(port, /^127\.0\.0\.1:/, `${name} publishes ${port} beyond the loopback`);
      }
      const redisUrl = service.environment?.REDIS_URL;
      if (redisUrl) assert.match(redisUrl, /^redis:\/\/:\$\{REDIS_PASSWORD[^}]*\}@/, name);
    }
    const redis = compose.services.redis?.command ?? [];
    assert.equal(redis[redis.indexOf('--requirepass') + 1]?.startsWith('${REDIS_PASSWORD'), true);
    assert.notEqual(compose.services.postgres?.environment?.POSTGRES_HOST_AUTH_METHOD, 'trust');
    for (const service of ['intake', 'routing', 'notify']) {
      const urls = Object.keys(compose.services[service]?.environment ?? {}).filter((k) =>
        k.endsWith('DATABASE_URL'),
      );
      assert.deepEqual(urls, [`${service.toUpperCase()}_DATABASE_URL`], service);
      assert.match(
        compose.services[service]?.environment?.[urls[0] ?? ''] ?? '',
        new RegExp(`^postgres://xinfang_${service}:`),
      );
    }
  });

  it('KEDA scales each worker on its BullMQ wait list, under the configured prefix', () => {
    const scaled = ofKind<{
      spec: { scaleTargetRef: { name: string }; triggers: { metadata: { listName: string } }[] };
    }>('ScaledObject');
    for (const queue of Object.values(QueueName)) {
      const object = scaled.find((s) => s.spec.scaleTargetRef.name === `xinfang-${queue}`);
      assert.ok(object, queue);
      assert.equal(
        object.spec.triggers[0]?.metadata.listName,
        `${config.QUEUE_PREFIX}:${queue}:wait`,
      );
    }
  });

  it('the alert rules are valid and watch queues, failures, stalled workers and deadlines', () => {
    const file = root('deploy/prometheus/alerts.yml');
    const check = spawnSync('promtool', ['check', 'rules', file], { encoding: 'utf8' });
    if (check.error === undefined) assert.equal(check.status, 0, check.stdout + check.stderr);
    const rules = (
      parse(readFileSync(file, 'utf8')) as {
        groups: {
          rules: {
            alert: string;
            expr: string;
            labels: { severity: string };
            annotations: { summary: string };
          }[];
        }[];
      }
    ).groups.flatMap((g) => g.rules);
    for (const rule of rules) {
      assert.ok(rule.expr && rule.labels.severity && rule.annotations.summary, rule.alert);
    }
    const names = rules.map((r) => r.alert);
    for (const required of [
      'XinfangQueueBackingUp',
      'XinfangFailedJobsRising',
      'XinfangOverdueDeadlinesRising',
      'XinfangWorkerStalled',
    ]) {
      assert.ok(names.includes(required), required);
    }
  });

  it('the dashboard and the alerts use only metrics the services export', async () => {
    const exported = new Set([
      ...(await processRegistry.getMetricsAsJSON()).map((m) => m.name),
      ...APPLICATION_METRICS,
    ]);
    const dashboard = readFileSync(root('deploy/grafana/xinfang-dashboard.json'), 'utf8');
    JSON.parse(dashboard);
    const alerts = readFileSync(root('deploy/prometheus/alerts.yml'), 'utf8');
    for (const text of [dashboard, alerts]) {
      for (const [name] of text.matchAll(/xinfang_[a-z_]+/g)) {
        const metric = name.replace(/_(bucket|count|sum)$/, '');
        assert.ok(exported.has(metric), `${metric} is not exported`);
      }
    }
  });
});
