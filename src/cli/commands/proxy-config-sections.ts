import { isAscii } from 'node:buffer';
import path from 'node:path';
import { isObject, type Json } from '../../core/envoy/json.ts';
import { textIssuesOf } from '../../core/envoy/json-text-issues.ts';
import { parseJsonDocument } from '../../core/envoy/parse-json.ts';
import type { Redaction } from '../../core/envoy/redaction.ts';
import { findV2Evidence } from '../../core/envoy/v2-api.ts';
import { InputError } from '../../core/errors.ts';
import { missingForAll, renderAll } from '../../core/report/istioctl/all.ts';
import { renderBootstrapSummary } from '../../core/report/istioctl/bootstrap.ts';
import { bootstrapConfigDump, formatIndented, formatJsonpb, formatWholeDump, secretsConfigDump } from '../../core/report/istioctl/dump-output.ts';
import { ecdsConfigDump, renderEcds } from '../../core/report/istioctl/ecds.ts';
import { renderSecrets } from '../../core/report/istioctl/secrets.ts';
import { sanitizeLine } from '../../core/text/sanitize.ts';
import { readJsonDocument, readJsonFile } from '../../sources/files.ts';
import { decodeInput } from '../../sources/input-file.ts';
import { readTextFile } from '../../sources/text-file.ts';
import type { CliIo, Command } from '../io.ts';
import { liveFlagGiven } from '../live-flags.ts';
import { flag, loadTableInput, loadTableSource, nowFrom, parseTableArgs, portFlag, type TableInvocation } from '../table-flags.ts';
import { writeEds } from './tables.ts';

/**
 * The other `istioctl proxy-config` views of a dump: eds, bootstrap, secret, ecds and all.
 */
const SOURCE =
  '  POD.NAMESPACE         a live proxy, fetched through istioctl (live flags: see meshscope --help)\n  -f, --file DUMP       the config dump (istioctl proxy-config all POD -o json, or /config_dump)\n  --warnings            list every load issue on stderr (see meshscope --help)\n';

function dumpPath(io: CliIo, file: unknown): string {
  return path.resolve(io.cwd, String(file));
}

type Loaded = Awaited<ReturnType<typeof loadTableSource>>;

/** The dump as captured: the file's text, or what istioctl printed for a live proxy. */
async function dumpText(loaded: Loaded, inv: TableInvocation, io: CliIo): Promise<string> {
  return loaded.dumpText ? loaded.dumpText() : readTextFile(dumpPath(io, inv.values.file));
}

async function dumpJson(loaded: Loaded, inv: TableInvocation, io: CliIo): Promise<Json> {
  return loaded.dumpText ? parseJsonDocument(loaded.label, await loaded.dumpText()) : readJsonFile(dumpPath(io, inv.values.file));
}

/** One stderr line when an output had secrets replaced (the output itself shows `[redacted: KIND]`). */
function noteRedactions(io: CliIo, redactions: readonly Redaction[]): void {
  if (redactions.length === 0) return;
  const kinds = [...new Set(redactions.map((r) => r.kind))].sort().join(', ');
  io.stderr.write(`meshscope: ${redactions.length} secret value${redactions.length === 1 ? '' : 's'} replaced by [redacted: KIND] in the output (${kinds})\n`);
}

export const eds: Command = async (args, io) => {
  const inv = parseTableArgs('proxy-config eds', args, ['address', 'port', 'cluster', 'status']);
  if (inv.help) {
    io.stdout.write(
      `Usage: meshscope proxy-config eds POD.NAMESPACE|--file DUMP [--address A] [--port N] [--cluster C] [--status S] [-o short|json|yaml]\n\nThe EDS endpoints of a dump taken with include_eds (NAME STATUS LOCALITY CLUSTER).\n${SOURCE}`,
    );
    return 0;
  }
  writeEds(await loadTableInput('proxy-config eds', inv, io, ['endpoints']), inv, io);
  return 0;
};

export const bootstrap: Command = async (args, io) => {
  const inv = parseTableArgs('proxy-config bootstrap', args, [], [], 'json');
  if (inv.help) {
    io.stdout.write(
      `Usage: meshscope proxy-config bootstrap POD.NAMESPACE|--file DUMP [-o json|yaml|short]\n\nThe bootstrap (default -o json); -o short prints the Istio and Envoy versions.\n${SOURCE}`,
    );
    return 0;
  }
  const loaded = await loadTableSource('proxy-config bootstrap', inv, io, []);
  const config = loaded.config;
  if (!config.node) throw new InputError(config.source, 'no bootstrap (BootstrapConfigDump) found');
  if (inv.format === 'short') {
    io.stdout.write(renderBootstrapSummary(config.node));
    return 0;
  }
  const section = bootstrapConfigDump(await dumpJson(loaded, inv, io));
  if (!section) throw new InputError(config.source, 'no bootstrap (BootstrapConfigDump) found');
  const redactions: Redaction[] = [];
  io.stdout.write(formatJsonpb(section, inv.format, redactions));
  noteRedactions(io, redactions);
  return 0;
};

/**
 * When VALID CERT is judged: `MESHSCOPE_NOW` when set; a snapshot's capture time; for a dump file
 * the newest `last_updated` it holds (istioctl judges at its own now, which for an old dump
 * answers a question nobody asked; a file's modification time says when it was copied); now for
 * a live proxy. Said on stderr when it is not now.
 */
async function secretsJudgedAt(loaded: Awaited<ReturnType<typeof loadTableSource>>, inv: TableInvocation, io: CliIo): Promise<{ ms: number; note?: string }> {
  if (io.env.MESHSCOPE_NOW) return { ms: nowFrom(io) };
  const captured = loaded.snapshot?.source.provenance.capturedAt;
  if (captured !== undefined && !Number.isNaN(Date.parse(captured))) {
    return {
      ms: Date.parse(captured),
      note: `VALID CERT is judged at the capture time, ${captured}; the snapshot holds no certificate bytes (removed at capture), so certificates it dropped show unknown`,
    };
  }
  if (typeof inv.values.file === 'string') {
    // A dump file holds no capture time, but it was captured after its newest `last_updated`.
    const config = loaded.config;
    const times = [...config.clusters, ...config.listeners, ...config.secrets.map((x) => ({ meta: x }))]
      .map((r) => (r.meta.lastUpdated === undefined ? Number.NaN : Date.parse(r.meta.lastUpdated)))
      .concat([...config.routeConfigMeta.values()].map((m) => (m.lastUpdated === undefined ? Number.NaN : Date.parse(m.lastUpdated))))
      .filter((t) => !Number.isNaN(t));
    if (times.length > 0) {
      const ms = Math.max(...times);
      return {
        ms,
        note: `VALID CERT is judged at the dump's newest last_updated, ${new Date(ms).toISOString()} (it was captured at or after it; MESHSCOPE_NOW=ISO-TIME judges at another time)`,
      };
    }
  }
  return { ms: nowFrom(io) };
}

export const secret: Command = async (args, io) => {
  const inv = parseTableArgs('proxy-config secret', args, []);
  if (inv.help) {
    io.stdout.write(
      `Usage: meshscope proxy-config secret POD.NAMESPACE|--file DUMP [-o short|json|yaml]\n\nThe SDS secrets: type, status, validity (now), serial number and dates of their certificates.\n${SOURCE}`,
    );
    return 0;
  }
  const loaded = await loadTableSource('proxy-config secret', inv, io);
  const config = loaded.config;
  if (!config.sections.secrets) throw new InputError(config.source, 'no secrets (SecretsConfigDump) found');
  if (inv.format === 'short') {
    const at = await secretsJudgedAt(loaded, inv, io);
    io.stdout.write(renderSecrets(config.secrets, at.ms, false, loaded.snapshot !== undefined));
    if (at.note) io.stderr.write(`${at.note}\n`);
  } else {
    const redactions: Redaction[] = [];
    io.stdout.write(formatJsonpb(secretsConfigDump(config.secrets), inv.format, redactions));
    noteRedactions(io, redactions);
  }
  return 0;
};

export const ecds: Command = async (args, io) => {
  const inv = parseTableArgs('proxy-config ecds', args, []);
  if (inv.help) {
    io.stdout.write(
      `Usage: meshscope proxy-config ecds POD.NAMESPACE|--file DUMP [-o short|json|yaml]\n\nThe extension configs served over ECDS (Wasm plugins, telemetry filters).\n${SOURCE}`,
    );
    return 0;
  }
  const config = await loadTableInput('proxy-config ecds', inv, io, []);
  if (!config.sections.ecds) throw new InputError(config.source, 'no ECDS filters (EcdsConfigDump) found');
  if (inv.format === 'short') io.stdout.write(renderEcds(config.ecds));
  else io.stdout.write(formatIndented(ecdsConfigDump(config.ecds), inv.format));
  return 0;
};

/** `--file DUMP` alone: no live proxy, snapshot or endpoints file to merge. */
function dumpFileOnly(inv: TableInvocation): boolean {
  const v = inv.values;
  return typeof v.file === 'string' && inv.proxy === undefined && v.snapshot === undefined && v.endpoints === undefined && liveFlagGiven(v) === undefined;
}

/** A carriage return in valid JSON can only be whitespace between tokens (a dump saved with CRLF line ends): printed as a newline, since the terminal guard would escape it into invalid JSON. */
function withoutCarriageReturns(raw: string): string {
  return raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
}

/**
 * Whether a dump's bytes print as they are through the terminal guard unchanged: ASCII (so no
 * C1 control, bidi mark or line separator, `core/text/terminal-guard.ts`), no DEL and no carriage
 * return. A JSON text that parsed holds no other control character (RFC 8259 §7: controls below
 * U+0020 only escaped in strings, and only tab, LF and CR between tokens), so nothing in it would
 * be escaped, and the bytes can go to stdout without being decoded and encoded again.
 */
export function printsAsIs(bytes: Uint8Array): boolean {
  return isAscii(bytes) && bytes.indexOf(0x0d) === -1 && bytes.indexOf(0x7f) === -1;
}

/**
 * `proxy-config all --file DUMP -o json|yaml` prints the dump back (issue 18: it needs no model):
 * the file is read and parsed once (a file that is not JSON is refused as everywhere), secrets are
 * replaced by content, and the file is printed as it is when nothing was: its bytes when they
 * print unchanged (`printsAsIs`), else its text through the guard. False when the file is not a
 * `{configs: [...]}` dump or is Envoy v2 config: the caller then loads it as a model, which reads
 * the other shapes and words the refusals.
 */
async function printDumpFile(file: string, format: 'json' | 'yaml', io: CliIo): Promise<boolean> {
  const { data: doc, bytes } = await readJsonDocument(file);
  if (!isObject(doc) || !Array.isArray(doc.configs) || findV2Evidence(doc) !== undefined) return false;
  const redactions: Redaction[] = [];
  const redacted = formatWholeDump(doc, format, redactions);
  if (redacted !== undefined) io.stdout.write(redacted);
  else if (printsAsIs(bytes)) {
    io.stdout.write(bytes);
    io.stdout.write('\n');
  } else {
    io.stdout.write(withoutCarriageReturns(decodeInput(file, bytes)));
    io.stdout.write('\n');
  }
  noteRedactions(io, redactions);
  // Printed from the parsed value, the output has lost what JSON.parse hides (a duplicate key's first value): said.
  if (redacted !== undefined) for (const issue of textIssuesOf(doc)) io.stderr.write(`meshscope: ${sanitizeLine(issue.message)}\n`);
  return true;
}

const ALL_HELP = `Usage: meshscope proxy-config all POD.NAMESPACE|--file DUMP [--with-headers] [filters] [-o short|json|yaml]

Bootstrap, clusters, listeners, routes, secrets and EDS endpoints in one summary, each NAME
prefixed with its type; -o json|yaml prints the whole dump.
${SOURCE}  --with-headers        a "------ <SECTION> INFO ------" line before each section
  --fqdn, --direction, --subset, --port, --address, --type, --name, --verbose=false
                        the filters of the clusters, listeners, routes and endpoints tables
`;

export const all: Command = async (args, io) => {
  const inv = parseTableArgs('proxy-config all', args, ['fqdn', 'direction', 'subset', 'port', 'address', 'type', 'name'], ['verbose', 'with-headers']);
  if (inv.help) {
    io.stdout.write(ALL_HELP);
    return 0;
  }
  if ((inv.format === 'json' || inv.format === 'yaml') && dumpFileOnly(inv)) {
    const printed = await printDumpFile(dumpPath(io, inv.values.file), inv.format, io);
    if (printed) return 0;
  }
  const loaded = await loadTableSource('proxy-config all', inv, io);
  const config = loaded.config;
  if (inv.format === 'json' || inv.format === 'yaml') {
    // As istioctl prints it: the dump, then a newline (a live answer already ends with it); redacted by content.
    const redactions: Redaction[] = [];
    const redacted = formatWholeDump(await dumpJson(loaded, inv, io), inv.format, redactions);
    const raw = redacted ?? (loaded.dumpText ? await dumpText(loaded, inv, io) : `${await dumpText(loaded, inv, io)}\n`);
    io.stdout.write(withoutCarriageReturns(raw));
    noteRedactions(io, redactions);
    return 0;
  }
  const problem = missingForAll(config);
  if (problem) throw new InputError(config.source, problem);
  const judged = await secretsJudgedAt(loaded, inv, io);
  const port = portFlag(inv.values.port);
  const text = renderAll(config, {
    clusters: { fqdn: flag(inv, 'fqdn'), direction: flag(inv, 'direction'), subset: flag(inv, 'subset'), port },
    listeners: { address: flag(inv, 'address'), port, type: flag(inv, 'type'), verbose: inv.verbose },
    routes: { name: flag(inv, 'name'), verbose: inv.verbose },
    endpoints: { address: flag(inv, 'address'), port },
    withHeaders: inv.withHeaders,
    nowMs: judged.ms,
  });
  io.stdout.write(text);
  if (judged.note && config.secrets.length > 0) io.stderr.write(`${judged.note}\n`);
  return 0;
};
