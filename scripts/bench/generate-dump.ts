/**
 * Writes a synthetic Istio sidecar config dump (and optionally its /clusters?format=json mirror):
 *
 *   node dist/scripts/bench/generate-dump.js --services 10000 --out bench/out/sidecar-10k.json
 *     [--seed N] [--indent 1] [--clusters-out bench/out/sidecar-10k.clusters.json]
 */
import process from 'node:process';
import { parseArgs } from 'node:util';
import { clustersStatus } from './dump/clusters-status.ts';
import { configDump } from './dump/dump.ts';
import { planMesh } from './dump/plan.ts';
import { writeJsonFile } from './dump/write.ts';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    services: { type: 'string', default: '1000' },
    out: { type: 'string' },
    seed: { type: 'string' },
    indent: { type: 'string', default: '1' },
    'clusters-out': { type: 'string' },
  },
});

const services = Number(values.services);
if (!Number.isInteger(services) || services < 1 || !values.out) {
  process.stderr.write('usage: generate-dump --services N --out FILE [--seed N] [--indent N] [--clusters-out FILE]\n');
  process.exit(2);
}
const plan = planMesh({ services, seed: values.seed === undefined ? undefined : Number(values.seed) });
const indent = Number(values.indent);
const bytes = writeJsonFile(values.out, configDump(plan), indent);
process.stdout.write(`${values.out}: ${services} services, ${(bytes / 1e6).toFixed(1)} MB\n`);
if (values['clusters-out']) {
  const statusBytes = writeJsonFile(values['clusters-out'], clustersStatus(plan), indent);
  process.stdout.write(`${values['clusters-out']}: ${(statusBytes / 1e6).toFixed(1)} MB\n`);
}
