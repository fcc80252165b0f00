import { createHmac, createSign, generateKeyPairSync, randomBytes } from 'node:crypto';
import type { Json, JsonObject } from '../../src/core/envoy/json.ts';

/**
 * Secrets of every kind the content redactor knows, made at test time (node:crypto), and a
 * config dump with each of them planted in six places Envoy's admin does not redact:
 * a route's `request_headers_to_add`, the bootstrap's node metadata, a GrpcService's
 * `initial_metadata`, a cluster's `filter_metadata` Struct, an unknown `typed_config`, and a
 * secret of the SecretsConfigDump. `expected` lists kind and jq path of each plant.
 */
export interface PlantedSecret {
  name: string;
  value: string;
  kind: string;
  /** Substrings of the value, of its base64 and of its decoded forms: none may reach an output. */
  needles: string[];
}

const b64 = (bytes: Uint8Array | string): string => Buffer.from(bytes).toString('base64');
const b64url = (bytes: Uint8Array | string): string => Buffer.from(bytes).toString('base64url');
const middle = (text: string, size = 24): string => text.slice(Math.floor(text.length / 2) - size / 2, Math.floor(text.length / 2) + size / 2);

/** A DER TLV (test-side encoder; X.690 §8.1 definite lengths). */
function tlv(tag: number, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  const n = body.length;
  const len =
    n < 0x80
      ? Buffer.from([n])
      : n < 0x100
        ? Buffer.from([0x81, n])
        : n < 0x10000
          ? Buffer.from([0x82, n >> 8, n & 0xff])
          : Buffer.from([0x83, n >> 16, (n >> 8) & 0xff, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), len, body]);
}
const oid = (hex: string): Buffer => tlv(0x06, Buffer.from(hex, 'hex'));

/**
 * A PKCS#12 PFX built by hand (node:crypto cannot write one), following RFC 7292: PFX { version 3,
 * authSafe ContentInfo data { AuthenticatedSafe { ContentInfo data { SafeContents { SafeBag
 * pkcs8ShroudedKeyBag (1.2.840.113549.1.12.10.1.2) { EncryptedPrivateKeyInfo } } } } }, macData {
 * DigestInfo sha256, salt, iterations 2048 } } (§4, §4.1, §4.2.2).
 */
function pkcs12(encryptedKeyDer: Buffer): Buffer {
  const data = '2a864886f70d010701';
  const bag = tlv(0x30, oid('2a864886f70d010c0a0102'), tlv(0xa0, encryptedKeyDer));
  const authSafe = tlv(0x30, tlv(0x30, oid(data), tlv(0xa0, tlv(0x04, tlv(0x30, bag)))));
  const mac = createHmac('sha256', randomBytes(32)).update(authSafe).digest();
  const macData = tlv(
    0x30,
    tlv(0x30, tlv(0x30, oid('608648016503040201'), tlv(0x05)), tlv(0x04, mac)),
    tlv(0x04, randomBytes(8)),
    tlv(0x02, Buffer.from([0x08, 0x00])),
  );
  return tlv(0x30, tlv(0x02, Buffer.from([3])), tlv(0x30, oid(data), tlv(0xa0, tlv(0x04, authSafe))), macData);
}

function derNeedles(der: Buffer): string[] {
  const mid = der.subarray(Math.floor(der.length / 2) - 9, Math.floor(der.length / 2) + 9);
  return [middle(b64(der)), middle(b64url(der)), mid.toString('hex'), b64(mid).slice(4, 20)];
}

/** A piece of the body's middle line (a piece across a line break would never match), and of the text's base64. */
function textNeedles(text: string, body: string): string[] {
  const lines = body.split('\n').filter((l) => l.length >= 24);
  return [middle(lines[Math.floor(lines.length / 2)]!), middle(b64(text), 32), middle(b64url(text), 32)];
}

/** Every planted kind: fresh keys each run. */
export function makeSecrets(): PlantedSecret[] {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const der = (type: 'pkcs1' | 'pkcs8', cipher?: boolean): Buffer =>
    rsa.privateKey.export(cipher ? { type, format: 'der', cipher: 'aes-256-cbc', passphrase: 'pw' } : { type, format: 'der' }) as Buffer;
  const pem = (text: string): PlantedSecret['needles'] => textNeedles(text, text.split('\n').slice(1, -2).join('\n'));
  const out: PlantedSecret[] = [];
  const add = (name: string, value: string, kind: string, needles: string[]) => out.push({ name, value, kind, needles });
  const rsaPem = rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
  add('pem-rsa', rsaPem, 'private-key', pem(rsaPem));
  const encPem = rsa.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw' }) as string;
  add('pem-encrypted', encPem, 'private-key', pem(encPem));
  const ecPem = ec.privateKey.export({ type: 'sec1', format: 'pem' }) as string;
  add('pem-ec', ecPem, 'private-key', pem(ecPem));
  const ssh = `-----BEGIN OPENSSH PRIVATE KEY-----\n${b64(Buffer.concat([Buffer.from('openssh-key-v1\0'), randomBytes(180)])).replace(/(.{70})/g, '$1\n')}\n-----END OPENSSH PRIVATE KEY-----\n`;
  add('openssh', ssh, 'private-key', pem(ssh));
  const pgp = `-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n${b64(randomBytes(300)).replace(/(.{64})/g, '$1\n')}\n=${b64(randomBytes(3))}\n-----END PGP PRIVATE KEY BLOCK-----\n`;
  add('pgp', pgp, 'pgp-private-key', textNeedles(pgp, pgp.split('\n').slice(2, -3).join('\n')));
  add('der-rsa', b64(der('pkcs1')), 'rsa-private-key', derNeedles(der('pkcs1')));
  const p8 = der('pkcs8');
  add('der-pkcs8-url-wrapped', b64url(p8).replace(/(.{64})/g, '$1\n'), 'pkcs8-private-key', derNeedles(p8));
  const encrypted = der('pkcs8', true); // random salt and IV: one export for value and needles
  add('der-encrypted', b64(encrypted), 'encrypted-private-key', derNeedles(encrypted));
  const sec1 = ec.privateKey.export({ type: 'sec1', format: 'der' }) as Buffer;
  add('der-ec', b64(sec1), 'ec-private-key', derNeedles(sec1));
  const pfx = pkcs12(der('pkcs8', true));
  add('pfx', b64(pfx), 'pkcs12', derNeedles(pfx));
  const jwk = JSON.stringify(rsa.privateKey.export({ format: 'jwk' }));
  const d = (JSON.parse(jwk) as { d: string }).d;
  add('jwk-text', jwk, 'jwk-private-key', [middle(d), middle(b64(jwk), 32)]);
  const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
  const payload = b64url(JSON.stringify({ iss: 'planted', sub: `spiffe://cluster.local/ns/${randomBytes(6).toString('hex')}` }));
  const signature = createSign('sha256').update(`${header}.${payload}`).sign(rsa.privateKey).toString('base64url');
  const token = `${header}.${payload}.${signature}`;
  add('jwt', token, 'jwt', [middle(signature), middle(payload, 16), middle(b64(token), 32)]);
  const opaque = randomBytes(24).toString('hex');
  add('bearer', `Bearer ${opaque}`, 'bearer-token', [opaque.slice(8, 40)]);
  return out;
}

/** A value planted under a header named authorization: removed whatever it is. */
export const BASIC_AUTH = `Basic ${b64(`planted-user:${randomBytes(8).toString('hex')}`)}`;

const step = (key: string | number): string => (typeof key === 'number' ? `[${key}]` : /^[A-Za-z_]\w*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`);

/** The jq path of the first object (depth first, in key order) that `test` accepts. */
export function findPath(root: Json, test: (value: JsonObject) => boolean, at = ''): string | undefined {
  if (Array.isArray(root)) {
    for (let i = 0; i < root.length; i++) {
      const found = findPath(root[i]!, test, `${at}${step(i)}`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (typeof root !== 'object' || root === null) return undefined;
  if (test(root)) return at;
  for (const [key, child] of Object.entries(root)) {
    const found = findPath(child, test, `${at}${step(key)}`);
    if (found !== undefined) return found;
  }
  return undefined;
}

function get(root: Json, path: string): JsonObject {
  // Only the paths findPath builds: .name, ["key"], [n].
  let value = root;
  for (const m of path.matchAll(/\.([A-Za-z_]\w*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g)) {
    const key = m[1] ?? (m[2] !== undefined ? Number(m[2]) : (JSON.parse(m[3]!) as string));
    value = (value as Record<string | number, Json>)[key]!;
  }
  return value as JsonObject;
}

export interface PlantedDump {
  dump: JsonObject;
  /** Where each planted value sits (jq path from the dump's root) and the kind it must be recorded as. */
  expected: { kind: string; path: string }[];
}

/** `dump` (a config dump in snake_case, changed in place) with every secret planted in six places. */
export function plantSecrets(dump: JsonObject, secrets: PlantedSecret[]): PlantedDump {
  const expected: PlantedDump['expected'] = [];
  const configs = dump.configs as JsonObject[];
  const section = (suffix: string): number => configs.findIndex((c) => String(c['@type']).endsWith(suffix));
  // 1. A route's request_headers_to_add (the first route of the first virtual host with routes, in RDS).
  const r = section('.RoutesConfigDump');
  const rds = configs[r]!;
  const vhPath = findPath(rds, (o) => Array.isArray(o.virtual_hosts) && (o.virtual_hosts as JsonObject[]).some((v) => Array.isArray(v.routes)))!.replace(
    /^/,
    `.configs[${r}]`,
  );
  const vhs = get(dump, vhPath).virtual_hosts as JsonObject[];
  const vhIndex = vhs.findIndex((v) => Array.isArray(v.routes));
  const route = (vhs[vhIndex]!.routes as JsonObject[])[0]!;
  const headers = (route.request_headers_to_add as JsonObject[] | undefined) ?? [];
  route.request_headers_to_add = headers;
  const routePath = `${vhPath}.virtual_hosts[${vhIndex}].routes[0].request_headers_to_add`;
  for (const s of secrets) {
    expected.push({ kind: s.kind, path: `${routePath}[${headers.length}].header.value` });
    headers.push({ header: { key: `x-planted-${s.name}`, value: s.value }, append_action: 'OVERWRITE_IF_EXISTS_OR_ADD' });
  }
  expected.push({ kind: 'authorization-header', path: `${routePath}[${headers.length}].header.value` });
  headers.push({ header: { key: 'Authorization', value: BASIC_AUTH } });
  // 2. Node metadata and 3. a GrpcService's initial_metadata, in the bootstrap.
  const b = section('BootstrapConfigDump');
  const bootstrap = configs[b]!.bootstrap as JsonObject;
  const metadata = (bootstrap.node as JsonObject).metadata as JsonObject;
  const grpc = ((bootstrap.dynamic_resources as JsonObject).ads_config as JsonObject).grpc_services as JsonObject[];
  const initial: JsonObject[] = [];
  grpc[0]!.initial_metadata = initial;
  for (const s of secrets) {
    metadata[`PLANTED_${s.name}`] = s.value;
    expected.push({ kind: s.kind, path: `.configs[${b}].bootstrap.node.metadata${step(`PLANTED_${s.name}`)}` });
    expected.push({ kind: s.kind, path: `.configs[${b}].bootstrap.dynamic_resources.ads_config.grpc_services[0].initial_metadata[${initial.length}].value` });
    initial.push({ key: `x-planted-${s.name}`, value: s.value });
  }
  expected.push({
    kind: 'authorization-header',
    path: `.configs[${b}].bootstrap.dynamic_resources.ads_config.grpc_services[0].initial_metadata[${initial.length}].value`,
  });
  initial.push({ key: 'authorization', value: BASIC_AUTH });
  // 4. A cluster's metadata Struct (with a JWK object too) and 5. an unknown typed_config in its filters.
  const c = section('ClustersConfigDump');
  const cluster = ((configs[c]!.dynamic_active_clusters as JsonObject[])[0]!.cluster as JsonObject) ?? {};
  const clusterPath = `.configs[${c}].dynamic_active_clusters[0].cluster`;
  const planted: JsonObject = {};
  const unknown: JsonObject = { '@type': 'type.googleapis.com/acme.planted.v1.Unknown' };
  for (const s of secrets) {
    planted[s.name] = s.value;
    unknown[s.name] = { nested: [s.value] };
    expected.push({ kind: s.kind, path: `${clusterPath}.metadata.filter_metadata.planted${step(s.name)}` });
    expected.push({ kind: s.kind, path: `${clusterPath}.filters[0].typed_config${step(s.name)}.nested[0]` });
  }
  const jwk = JSON.parse(secrets.find((s) => s.name === 'jwk-text')!.value) as JsonObject;
  planted.jwk_object = jwk;
  for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi'])
    expected.push({ kind: 'jwk-private-key', path: `${clusterPath}.metadata.filter_metadata.planted.jwk_object.${member}` });
  const meta = (cluster.metadata as JsonObject | undefined) ?? {};
  cluster.metadata = { ...meta, filter_metadata: { ...((meta.filter_metadata as JsonObject | undefined) ?? {}), planted } };
  cluster.filters = [{ name: 'acme.planted', typed_config: unknown }];
  // 6. A secret of the SecretsConfigDump, in a field no rule names.
  const sc = section('SecretsConfigDump');
  const active = (configs[sc]!.dynamic_active_secrets as JsonObject[] | undefined) ?? [];
  configs[sc]!.dynamic_active_secrets = active;
  const extension: JsonObject = {};
  for (const s of secrets) {
    extension[s.name] = s.value;
    expected.push({ kind: s.kind, path: `.configs[${sc}].dynamic_active_secrets[${active.length}].secret.acme_extension${step(s.name)}` });
  }
  active.push({ name: 'planted-extension', secret: { name: 'planted-extension', acme_extension: extension } });
  return { dump, expected };
}
