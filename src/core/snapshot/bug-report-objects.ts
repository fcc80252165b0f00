import { unreadKinds, withoutDuplicates } from '../config/object-set.ts';
import { type ConfigSet, emptyConfigSet } from '../config/objects.ts';
import { parseConfigText } from '../config/read-objects.ts';

/**
 * The Kubernetes resources and Istio custom resources an `istioctl bug-report` collects, read as
 * one ConfigSet. istio/istio `tools/bug-report/pkg/bugreport/bugreport.go` (`gatherInfo`) writes
 * what each `content.Get*` function of `tools/bug-report/pkg/content/content.go` returns into
 * `<root>/cluster/` (`archive.ClusterInfoPath`, `tools/bug-report/pkg/archive/archive.go`), one file
 * per map key, each the stdout of one `kubectl … -o yaml` (`kubectlcmd.Runner.RunCmd`): a single
 * `kind: List` document.
 *
 * - `cluster/crs` (`GetCRs`): `kubectl get --all-namespaces <every CRD> -o yaml`: the Istio and
 *   Gateway API objects (and every other custom resource);
 * - `cluster/k8s-resources` (`GetK8sResources`): `kubectl get --all-namespaces
 *   all,jobs,ingresses,endpointslices,configmaps,networkpolicies -o yaml` (Services, Pods, …);
 * - `cluster/k8s-cluster-resources`: `kubectl get nodes,namespaces,customresourcedefinitions,
 *   mutatingwebhookconfigurations,validatingwebhookconfigurations -o yaml`;
 * - `cluster/pods` (`GetPodInfo`): `kubectl get pods -o yaml -n <istio namespace>`: the only
 *   resources left when the report was made with `--skip-cluster-dump`; otherwise a second copy;
 * - `cluster/secrets` (`GetSecrets`): `kubectl get secrets --all-namespaces`, a table, or with
 *   `--full-secrets` YAML with the payloads: read only as YAML, and then only names, types and key
 *   names are kept (`parseConfigText` drops `data` and `stringData`).
 *
 * Not read: `cluster/nodes` (the same Nodes as `k8s-cluster-resources`), `events`, `cluster-context`
 * (read by `bug-report.ts`), `kubectl-version`. Kinds meshscope does not use are one note per file.
 */
const OBJECT_FILES = ['crs', 'k8s-resources', 'k8s-cluster-resources', 'pods', 'secrets'] as const;
const OBJECT_FILE = /(?:^|\/)cluster\/(crs|k8s-resources|k8s-cluster-resources|pods|secrets)$/;

/** Whether `path` is one of the bug report's object files. */
export function isBugReportObjectFile(path: string): boolean {
  return OBJECT_FILE.test(path);
}

/** A kubectl table (`NAMESPACE   NAME   TYPE …`) rather than YAML. */
function isTable(text: string): boolean {
  return /^\s*NAMESPACE\s+NAME\s/.test(text);
}

/** The objects of a bug report's `cluster/` files (`name`: the archive or folder, for origins). */
export function objectsFromBugReport(name: string, files: readonly { path: string; text: string }[]): ConfigSet {
  const set = emptyConfigSet();
  const byName = new Map<string, { path: string; text: string }>();
  for (const file of files) {
    const match = OBJECT_FILE.exec(file.path);
    if (match && !byName.has(match[1]!)) byName.set(match[1]!, file);
  }
  for (const key of OBJECT_FILES) {
    const file = byName.get(key);
    if (file === undefined || file.text.trim() === '') continue;
    const where = `${name}:${file.path}`;
    if (key === 'secrets' && isTable(file.text)) {
      set.problems.push({
        origin: { file: where, document: 1 },
        severity: 'note',
        message: `${where}: Secrets listed as a table (the report was made without --full-secrets); their names and keys are not read`,
      });
      continue;
    }
    const unread = unreadKinds();
    parseConfigText(where, file.text, set, unread);
    const note = unread.problem(where);
    if (note) set.problems.push(note);
  }
  return withoutDuplicates(set);
}
