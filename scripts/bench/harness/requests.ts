import type { ExplainOptions } from '../../../src/core/explain/explain.ts';
import { type HttpRequest, parseRequest } from '../../../src/core/router/request.ts';
import type { MeshPlan, ServicePlan } from '../dump/plan.ts';
import { Random } from '../dump/random.ts';

/** A request to explain, as the CLI takes it: `"METHOD URL"` plus `-H name: value` arguments. */
export interface BenchRequest {
  line: string;
  headers: string[];
}

function hostForm(random: Random, service: ServicePlan, proxyNamespace: string): string {
  const forms = [service.host, `${service.name}.${service.namespace}`, `${service.name}.${service.namespace}.svc`, service.vip];
  if (service.namespace === proxyNamespace) forms.push(service.name);
  return random.pick(forms);
}

function pathFor(random: Random, service: ServicePlan): string {
  const vs = service.virtualService;
  const roll = random.next();
  if (vs && roll < 0.3) return `${vs.prefix}v${random.int(1, 3)}/orders?page=${random.int(1, 9)}`;
  if (vs?.regex && roll < 0.5) return `/api/v${random.int(1, 3)}/items/${random.int(1, 999)}`;
  return random.pick(['/', '/healthz', '/products/42', '/api', '/static/app.js']);
}

function headersFor(random: Random, service: ServicePlan): string[] {
  const header = service.virtualService?.header;
  const roll = random.next();
  const noise = random.chance(0.5) ? [`user-agent: curl/8.${random.int(0, 9)}.0`, `x-request-id: ${random.hex(16)}`] : [];
  if (!header || roll < 0.4) return noise;
  if (roll < 0.7) return [...noise, `${header.name}: ${header.match === 'present' ? 'yes' : header.value}`];
  // Near misses: wrong case or wrong value, so matchers have to say why.
  return [...noise, `${header.name}: ${header.value ? header.value.toUpperCase() : ''}x`];
}

/**
 * `count` varied requests against the planned mesh (deterministic): different services, ports and
 * host spellings (FQDN, short names, ClusterIP, with or without `:port`), paths hitting prefix,
 * regex and catch-all routes, canary headers matching or nearly matching; a few to hosts the
 * sidecar does not know (allow_any) and to ports it has no listener for.
 */
export function benchRequests(plan: MeshPlan, count: number, seed = 99): BenchRequest[] {
  const random = new Random(seed);
  const requests: BenchRequest[] = [];
  for (let i = 0; i < count; i++) {
    const roll = random.next();
    if (roll < 0.03) {
      requests.push({ line: `GET http://unknown-${i}.example.com:8080/`, headers: [] });
      continue;
    }
    if (roll < 0.05) {
      requests.push({ line: `GET http://${plan.services[0]!.host}:7777/`, headers: [] });
      continue;
    }
    const service = plan.services[random.int(0, plan.services.length - 1)]!;
    const port = random.pick(service.ports);
    const host = hostForm(random, service, plan.proxy.namespace);
    const method = random.pick(['GET', 'GET', 'GET', 'POST', 'PUT']);
    const headers = headersFor(random, service);
    if (random.chance(0.3)) headers.push(`host: ${host}`);
    requests.push({ line: `${method} http://${host}:${port}${pathFor(random, service)}`, headers });
  }
  return requests;
}

/** A request parsed as the CLI parses it, with the options explain gets. */
export interface BenchCase {
  request: HttpRequest;
  options: ExplainOptions;
}

/** benchRequests parsed; every third one decides its weighted split as `--random N` does. */
export function benchCases(plan: MeshPlan, count: number): BenchCase[] {
  return benchRequests(plan, count).map((r, i) => ({
    request: parseRequest(r.line, r.headers),
    options: i % 3 === 0 ? { randomValue: BigInt(i * 7919) } : {},
  }));
}

/**
 * The one request a user would explain first: the first service with a VirtualService, by its
 * FQDN and first port, path `/` (its catch-all weighted split: a route, exit 0).
 */
export function oneShotRequest(plan: MeshPlan): BenchRequest {
  const service = plan.services.find((s) => s.virtualService) ?? plan.services[0]!;
  return { line: `GET http://${service.host}:${service.ports[0]}/`, headers: [] };
}
