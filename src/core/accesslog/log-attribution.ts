/**
 * Which proxy wrote each line of an access log file: the one named on the command line
 * (`--log POD.NS=FILE`), else the pod of kubectl's `--prefix` (`[pod/NAME/CONTAINER] `, written by
 * `addPrefixIfNeeded` in kubectl's pkg/cmd/logs/logs.go) with its namespace found among the
 * snapshot's proxies, else a snapshot proxy the file is named after
 * (`productpage-v1-….bookinfo.log`). Lines none of these name keep a null proxy: they still group
 * by request id, and the report says the proxy is unknown.
 */
export type ProxyAttribution = 'flag' | 'prefix' | 'file name';

/** One access log line and where it came from. */
export interface LogLineInput {
  /** The proxy (`pod.namespace`) that wrote the line, or null when nothing says. */
  proxy: string | null;
  file: string;
  /** 1-based line number in the file. */
  lineNo: number;
  /** The line without kubectl's prefix. */
  text: string;
  proxyFrom?: ProxyAttribution | null;
}

/** A log file as given: its name, its text, and the proxy `POD.NS=FILE` named for it. */
export interface LogFileInput {
  file: string;
  proxy?: string | undefined;
  text: string;
}

/** Something the user should know about how lines were attributed (once per file and pod). */
export interface AttributionNote {
  file: string;
  message: string;
}

const KUBECTL_PREFIX = /^\[pod\/([^/\]\s]+)\/([^\]\s]+)\] /;
const LOG_EXTENSIONS = /\.(log|txt|jsonl|json|out)$/i;

const podOf = (proxy: string): string => (proxy.includes('.') ? proxy.slice(0, proxy.lastIndexOf('.')) : proxy);

/** `name` as a snapshot proxy: exactly `pod.namespace`, or a pod name only one proxy has. */
function resolve(name: string, proxies: readonly string[]): { proxy: string | null; candidates: string[] } {
  if (proxies.includes(name)) return { proxy: name, candidates: [name] };
  const byPod = proxies.filter((p) => podOf(p) === name);
  return { proxy: byPod.length === 1 ? byPod[0]! : null, candidates: byPod };
}

/** The file's name without folders and a log extension. */
function baseName(file: string): string {
  const last = file.split(/[/\\]/).pop() ?? file;
  return last.replace(LOG_EXTENSIONS, '');
}

/** Splits a file into lines (blank lines dropped) and attributes each to a proxy. */
export function attributeLogFile(input: LogFileInput, proxies: readonly string[]): { lines: LogLineInput[]; notes: AttributionNote[] } {
  const notes: AttributionNote[] = [];
  const note = (message: string) => {
    if (!notes.some((n) => n.message === message)) notes.push({ file: input.file, message });
  };
  let fileProxy: string | null = null;
  let fileFrom: ProxyAttribution | null = null;
  if (input.proxy !== undefined) {
    const { proxy } = resolve(input.proxy, proxies);
    fileProxy = proxy ?? input.proxy;
    fileFrom = 'flag';
    if (proxy === null) note(`${input.proxy} (named for ${input.file}) is not a proxy of the snapshot: its lines are not explained against a config`);
  } else {
    const { proxy } = resolve(baseName(input.file), proxies);
    if (proxy !== null) {
      fileProxy = proxy;
      fileFrom = 'file name';
    }
  }
  const lines: LogLineInput[] = [];
  const rows = input.text.split(/\r?\n/);
  for (let i = 0; i < rows.length; i++) {
    let text = rows[i]!;
    if (text.trim() === '') continue;
    let proxy = fileProxy;
    let from: ProxyAttribution | null = fileFrom;
    const prefix = KUBECTL_PREFIX.exec(text);
    if (prefix) {
      text = text.slice(prefix[0].length);
      if (fileFrom !== 'flag') {
        const pod = prefix[1]!;
        const found = resolve(pod, proxies);
        proxy = found.proxy;
        from = found.proxy === null ? null : 'prefix';
        if (found.candidates.length > 1) note(`pod ${pod} (kubectl --prefix) is ambiguous: ${found.candidates.join(', ')}; name it with --log POD.NS=FILE`);
        else if (found.proxy === null) note(`pod ${pod} (kubectl --prefix) is not a proxy of the snapshot: its proxy is unknown`);
      }
    }
    lines.push({ proxy, file: input.file, lineNo: i + 1, text, proxyFrom: from });
  }
  return { lines, notes };
}
