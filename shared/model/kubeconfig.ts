/**
 * What the renderer may know about kubeconfig contexts and files. Deliberately free of secrets:
 * no tokens, keys, certificates, passwords, exec arguments or exec environment values ever
 * appear here — the server URL and the exec command name are the most that is shown.
 */

export type KubeAuthKind = 'token' | 'client-cert' | 'exec' | 'auth-provider' | 'basic' | 'none';

/** Stable machine-readable problem codes; the message carries the human detail. */
export type KubeContextProblemCode =
  | 'file-unreadable'
  | 'yaml-error'
  | 'not-a-kubeconfig'
  | 'invalid-entry'
  | 'duplicate-name'
  | 'missing-cluster'
  | 'missing-user'
  | 'missing-server'
  | 'invalid-server'
  | 'insecure-http'
  | 'insecure-with-ca'
  | 'ca-unreadable'
  | 'cert-unreadable'
  | 'key-unreadable'
  | 'token-file-unreadable'
  | 'bad-base64'
  | 'invalid-certificate'
  | 'invalid-key'
  | 'cert-without-key'
  | 'conflicting-auth'
  | 'auth-provider-removed'
  | 'exec-missing-command'
  | 'exec-unsupported-api-version'
  | 'exec-interactive-required'
  | 'exec-not-found'
  | 'exec-failed'
  | 'exec-bad-output';

export interface KubeContextProblem {
  code: KubeContextProblemCode;
  /** One or two sentences naming the file, line, field and how to fix it. */
  message: string;
}

export interface KubeContextInfo {
  /** Stable across reloads: the context name (unique after the kubectl-style merge). */
  id: string;
  name: string;
  cluster: string;
  user: string;
  namespace?: string;
  /** The API server URL. */
  server?: string;
  /** The kubeconfig file that defines this context. */
  sourceFile: string;
  authKind: KubeAuthKind;
  /** The exec plugin's command name only (never its arguments or environment). */
  execCommand?: string;
  /** Set when the context cannot be used as configured. */
  problem?: KubeContextProblem;
  /** The user turned on read-only mode for this context: Loupe refuses every write to it. */
  readOnly?: boolean;
}

export interface KubeconfigFileStatus {
  path: string;
  ok: boolean;
  /** Contexts this file contributed after the merge (0 for a file that failed to load). */
  contextCount: number;
  problem?: KubeContextProblem;
}
