import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { API_ROUTES, type ApiService } from '../apps/cli/src/web-gateway.js';
import { readManifests } from './support/deploy-files.js';

const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const PORTS: Record<ApiService, number> = { intake: 3001, routing: 3002, notify: 3003 };
const apiRoutes = API_ROUTES.map(([prefix, service]) => ({ prefix, service }));

interface IngressPath {
  path: string;
  pathType: string;
  backend: { service: { name: string; port: { number: number } } };
}

/** The browser's one origin is the same in every deployment: npm start, compose and Kubernetes. */
describe('the pages and the API on one origin, as deployed', () => {
  it('nginx (compose) sends each API path to its service, in the gateway’s order', () => {
    const conf = readFileSync(root('deploy/nginx/xinfang.conf'), 'utf8');
    const locations = [
      ...conf.matchAll(
        /location ~ \^(\S+)\(\/\|\$\) \{ set \$service (\w+):(\d+); proxy_pass http:\/\/\$service; \}/g,
      ),
    ].map(([, prefix, service, port]) => ({ prefix, service, port: Number(port) }));
    assert.deepEqual(
      locations,
      apiRoutes.map((r) => ({ ...r, port: PORTS[r.service] })),
    );
    // Anything else under /api/ is a 404, not the index page.
    assert.match(conf, /location \/api\/ \{[^}]*return 404/);
  });

  it('the Kubernetes Ingress sends each API path to its service, and the rest to the pages', () => {
    const manifests = readManifests(root('deploy/k8s'));
    const ingress = manifests.find((m) => m.kind === 'Ingress') as unknown as {
      spec: { rules: { http: { paths: IngressPath[] } }[] };
    };
    const paths = ingress.spec.rules.flatMap((rule) => rule.http.paths);
    assert.deepEqual(
      paths.map((p) => ({
        prefix: p.path,
        type: p.pathType,
        name: p.backend.service.name,
        port: p.backend.service.port.number,
      })),
      [
        ...apiRoutes.map((r) => ({
          prefix: r.prefix,
          type: 'Prefix',
          name: `xinfang-${r.service}`,
          port: PORTS[r.service],
        })),
        { prefix: '/', type: 'Prefix', name: 'xinfang-web', port: 8080 },
      ],
    );
    // Each backend is a Service of the manifests, on a port it has.
    const services = new Map(
      manifests
        .filter((m) => m.kind === 'Service')
        .map((m) => [m.metadata.name, m.spec as { ports: { port: number }[] }]),
    );
    for (const path of paths) {
      const service = services.get(path.backend.service.name);
      assert.ok(service, path.backend.service.name);
      assert.ok(service.ports.some((p) => p.port === path.backend.service.port.number));
    }
  });

  it('compose builds the pages’ image from the Dockerfile’s web target, on the loopback', () => {
    const compose = parse(readFileSync(root('docker-compose.yml'), 'utf8'), { merge: true }) as {
      services: Record<string, { build?: { target?: string }; ports?: string[] }>;
    };
    const web = compose.services.web;
    assert.equal(web?.build?.target, 'web');
    assert.deepEqual(web.ports, ['127.0.0.1:${WEB_HOST_PORT:-8080}:8080']);
    const dockerfile = readFileSync(root('Dockerfile'), 'utf8');
    assert.match(dockerfile, /^FROM \S+ AS web$/m);
    assert.match(
      dockerfile,
      /^COPY deploy\/nginx\/xinfang\.conf \/etc\/nginx\/conf\.d\/default\.conf$/m,
    );
    // The services' image stays the default target: the last stage.
    const stages = [...dockerfile.matchAll(/^FROM \S+ AS (\S+)$/gm)].map((m) => m[1]);
    assert.equal(stages.at(-1), 'runtime');
  });
});
