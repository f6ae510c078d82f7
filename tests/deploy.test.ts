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

interface PodSpec {
  terminationGracePeriodSeconds: number;
  containers: {
    readinessProbe?: { httpGet: { path: string } };
    livenessProbe?: { httpGet: { path: string } };
    resources?: { requests?: Record<string, string> };
    envFrom: ({ configMapRef?: { name: string } } | { secretRef?: { name: string } })[];
  }[];
}

/** Metrics read on scrape by each application (the rest are in the process registry). */
const APPLICATION_METRICS = [
  'xinfang_queue_jobs',
  'xinfang_outbox_unpublished',
  'xinfang_deadlines',
];

describe('deployment files', () => {
  const config = ofKind<{ data: Record<string, string> }>('ConfigMap')[0]?.data ?? {};

  it('every Kubernetes manifest is valid against its schema', () => {
    assert.deepEqual(validateManifests(manifests), []);
  });

  it('each service has probes, resource requests and a grace period beyond SHUTDOWN_GRACE_MS', () => {
    const deployments = ofKind<{ spec: { template: { spec: PodSpec } } }>('Deployment');
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
