/**
 * How go-yaml v2 (behind `sigs.k8s.io/yaml.JSONToYAML`, which istioctl uses for `-o yaml`)
 * decides about scalars: whether a string would read back as something else (and so must be
 * quoted), how floats are written, and the "natural" order it sorts map keys in.
 */

const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

const RESOLVE_MAP = new Set([
  'y',
  'Y',
  'yes',
  'Yes',
  'YES',
  'true',
  'True',
  'TRUE',
  'on',
  'On',
  'ON',
  'n',
  'N',
  'no',
  'No',
  'NO',
  'false',
  'False',
  'FALSE',
  'off',
  'Off',
  'OFF',
  '',
  '~',
  'null',
  'Null',
  'NULL',
  '.nan',
  '.NaN',
  '.NAN',
  '.inf',
  '.Inf',
  '.INF',
  '+.inf',
  '+.Inf',
  '+.INF',
  '-.inf',
  '-.Inf',
  '-.INF',
]);

function hint(s: string): string {
  if (s === '') return 'N';
  const c = s[0]!;
  if (c === '+' || c === '-') return 'S';
  if (c >= '0' && c <= '9') return 'D';
  if ('yYnNtTfFoO~'.includes(c)) return 'M';
  if (c === '.') return '.';
  return '';
}

/** Go's `strconv.ParseFloat` acceptance, for the forms go-yaml can reach. */
function goParsesFloat(s: string): boolean {
  if (/^[-+]?(inf|infinity|nan)$/i.test(s)) return true;
  if (/^[-+]?0[xX]/.test(s)) return /^[-+]?0[xX](_?[0-9a-fA-F])*(\.[0-9a-fA-F]*)?[pP][-+]?[0-9]+$/.test(s);
  return /^[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?$/.test(s);
}

/** Go's `strconv.ParseInt(s, 0, 64)` or `ParseUint(s, 0, 64)` succeeding. */
function goParsesInt(s: string): boolean {
  const m = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return false;
  const body = m[2]!;
  const digits = /^0[oO]/.test(body) ? `0o${body.slice(2)}` : /^0[0-7]+$/.test(body) ? `0o${body.slice(1)}` : body;
  const value = BigInt(digits) * (m[1] === '-' ? -1n : 1n);
  return value >= -(1n << 63n) && value < 1n << 64n && (m[1] !== '+' || value < 1n << 63n);
}

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** go-yaml's timestamp test: the four `time.Parse` layouts it tries, with Go's range checks. */
function isTimestamp(s: string): boolean {
  if (!/^\d{4}-/.test(s)) return false;
  const m =
    /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(?:[.,]\d+)?(?:Z|[+-](\d{2}):(\d{2}))|[ ](\d{1,2}):(\d{1,2}):(\d{1,2})(?:[.,]\d+)?)?$/.exec(
      s,
    );
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (day > (month === 2 && !leap ? 28 : DAYS[month - 1]!)) return false;
  const hour = Number(m[4] ?? m[9] ?? 0);
  const minute = Number(m[5] ?? m[10] ?? 0);
  const second = Number(m[6] ?? m[11] ?? 0);
  if (hour > 23 || minute > 59 || second > 59) return false;
  if (m[7] !== undefined && (Number(m[7]) > 24 || Number(m[8]) > 60)) return false;
  return true;
}

/** True when go-yaml would read the unquoted text as something other than a string. */
export function resolvesToNonString(s: string): boolean {
  const h = hint(s);
  if (h === '') return false;
  if (RESOLVE_MAP.has(s)) return true;
  if (h === '.') return goParsesFloat(s);
  if (h === 'D' || h === 'S') {
    if (isTimestamp(s)) return true;
    const plain = s.replace(/_/g, '');
    if (goParsesInt(plain)) return true;
    if (YAML_FLOAT.test(plain) && goParsesFloat(plain)) return true;
    if (/^-?0b[01]+$/.test(plain)) return true;
  }
  return false;
}

/** go-yaml quotes strings that YAML 1.1 readers would take for a sexagesimal float (`1:20`). */
export function isBase60Float(s: string): boolean {
  return BASE60_FLOAT.test(s);
}

/** Go's `strconv.FormatFloat(f, 'g', -1, 64)`, with go-yaml's spellings of the specials. */
export function goFloat(f: number): string {
  if (Number.isNaN(f)) return '.nan';
  if (f === Infinity) return '.inf';
  if (f === -Infinity) return '-.inf';
  const [mantissa, expText] = f.toExponential().split('e') as [string, string];
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(f);
}

/**
 * A JSON number as go-yaml writes it after reading it back: integers that fit 64 bits stay
 * integers, everything else is a float64 in Go's shortest `%g`.
 */
export function goYamlNumber(f: number): string {
  if (Number.isInteger(f) && f >= -(2 ** 63) && f < 2 ** 64) return BigInt(f).toString();
  return goFloat(f);
}

const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;

/** go-yaml's map key order (`keyList.Less`): letters after other characters, digit runs compared as numbers. */
export function goYamlKeyLess(a: string, b: string): boolean {
  const fast = asciiKeyLess(a, b);
  if (fast !== undefined) return fast;
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = LETTER.test(ar[i]!);
    const bl = LETTER.test(br[i]!);
    if (al && bl) return ar[i]! < br[i]!;
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && DIGIT.test(ar[j]!); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && DIGIT.test(ar[ai]!); ai++) an = an * 10 + (ar[ai]!.charCodeAt(0) - 48);
    let bi = i;
    for (; bi < br.length && DIGIT.test(br[bi]!); bi++) bn = bn * 10 + (br[bi]!.charCodeAt(0) - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i]! < br[i]!;
  }
  return ar.length < br.length;
}

const isAsciiLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isAsciiDigit = (c: number): boolean => c >= 48 && c <= 57;

/** `goYamlKeyLess` for the usual keys: decided before any digit run or non-ASCII character, else undefined. */
function asciiKeyLess(a: string, b: string): boolean | undefined {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x >= 0x80 || y >= 0x80) return undefined;
    if (x === y) continue;
    const xl = isAsciiLetter(x);
    const yl = isAsciiLetter(y);
    if (xl && yl) return x < y;
    if (xl || yl) return yl;
    if (isAsciiDigit(x) || isAsciiDigit(y)) return undefined;
    return x < y;
  }
  // One is a prefix of the other: the shorter sorts first, counted in code units or runes alike.
  return a.length < b.length;
}
