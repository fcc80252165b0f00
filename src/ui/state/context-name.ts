import { clean } from '../text.ts';

/**
 * `:ctx NAME`: is NAME a kube context one can switch to? kubectl's `config use-context` refuses an
 * empty name ("empty context names are not allowed") and a name the kubeconfig has no context for
 * ("can not set current-context to %q, context does not exist": k8s.io/kubectl
 * pkg/cmd/config/use_context.go, UseContextOptions.Validate and RunUseContext). meshscope also
 * refuses what istioctl would read as a flag (a leading `-`) and control characters (a name
 * typed or pasted with an escape sequence is not a kubeconfig key anyone means). Kubeconfig names
 * are otherwise free-form (`arn:aws:eks:…:cluster/prod`, `user@cluster`), so nothing else is
 * refused. `known`: the kubeconfig's context names, when they could be read; else only the
 * syntax is checked. Returns the error line, or undefined when the name may be used.
 */
export function contextNameError(name: string, known: readonly string[] | undefined): string | undefined {
  if (name === '') return ':ctx needs a kube context name, e.g. :ctx prod-eu (kubectl config get-contexts lists them)';
  // C0 and C1 controls and DEL (what sanitize shows as escapes).
  if (/[\u0000-\u001f\u007f-\u009f]/.test(name)) return `not a kube context name: ${clean(name)} holds control characters`;
  if (name.startsWith('-')) return `not a kube context name: ${clean(name)} starts with - (istioctl would read it as a flag)`;
  if (known !== undefined && !known.includes(name)) {
    const list = known.length === 0 ? 'none in the kubeconfig' : `known: ${known.map(clean).join(', ')}`;
    return `no kube context ${clean(name)} (${list})`;
  }
  return undefined;
}
