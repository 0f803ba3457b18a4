/**
 * Exec channels: interactive terminal sessions in containers (issue 7). A session is opened by a
 * request and then lives on two streams: its output as bytes and its state. Sessions belong to the
 * renderer that opened them and end when its output stream does (tab closed, renderer gone).
 */
import { z } from 'zod';
import { byteStream, request, stream } from '../define';
import { contextName, k8sName } from '../params';

/** Where a session stands; `exited` carries the exit code from the status channel. */
export type ExecState =
  | { phase: 'connecting'; detail?: string }
  | { phase: 'open'; protocol: string; container: string }
  | { phase: 'exited'; code: number }
  | { phase: 'error'; message: string }
  | { phase: 'closed' };

/** The session's handle; the container it runs in (resolved when none was named) comes with `open`. */
export interface ExecOpened {
  sessionId: string;
}

/** Terminal sizes beyond any real screen are refused rather than passed to the kubelet. */
const cols = z.number().int().min(1).max(1000);
const rows = z.number().int().min(1).max(500);
const sessionId = z.string().min(1).max(64);

/** A command as an argument vector, exactly as the container runtime gets it (no shell parsing). */
const command = z.array(z.string().min(1).max(4096)).min(1).max(128);

const image = z
  .string()
  .min(1)
  .max(512)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._\-/:@]*$/, 'an image reference such as busybox:1.36');

export const execChannels = {
  /**
   * Opens a terminal in a container: the given command, or the container's own shell (bash when
   * present, else sh, detected in one exec). Resolves as soon as the session exists; connecting,
   * failing and exiting are reported on `exec.state`.
   */
  'exec.open': request<ExecOpened>()(
    z
      .object({
        cluster: contextName,
        namespace: k8sName,
        pod: k8sName,
        container: k8sName.optional(),
        command: command.optional(),
        tty: z.boolean().default(true),
        cols,
        rows,
      })
      .strict(),
  ),
  /**
   * `kubectl debug -it --image=… --target=…`: adds an ephemeral container to the pod and attaches
   * to it once it runs — a shell in pods whose image has none (distroless).
   */
  'exec.debug': request<ExecOpened>()(
    z
      .object({ cluster: contextName, namespace: k8sName, pod: k8sName, image, target: k8sName.optional(), cols, rows })
      .strict(),
  ),
  /**
   * A root shell on a node: a privileged pod (hostPID, hostNetwork) pinned to it runs
   * `nsenter -t 1 -m -u -i -n -p`; the pod is deleted when the session ends.
   */
  'exec.nodeShell': request<ExecOpened>()(
    z.object({ cluster: contextName, node: k8sName, image: image.optional(), cols, rows }).strict(),
  ),
  /** The terminal's bytes (stdout, and stderr when there is no TTY); ends when the session does. */
  // No batching delay: every keystroke's echo goes out at once (bursts still coalesce per turn).
  'exec.output': byteStream({ batchMs: 0, window: 8 })(z.object({ sessionId }).strict()),
  /** The session's state: the current one first, then every change; ends after the final state. */
  'exec.state': stream<ExecState>({ batchMs: 0, window: 4 })(z.object({ sessionId }).strict()),
  /** Keystrokes and pastes, as xterm's onData gives them. */
  'exec.input': request<null>()(z.object({ sessionId, data: z.string().min(1).max(64 * 1024) }).strict()),
  'exec.resize': request<null>()(z.object({ sessionId, cols, rows }).strict()),
  /** Ends the session (the process in the container gets SIGHUP/SIGKILL as with kubectl). */
  'exec.close': request<null>()(z.object({ sessionId }).strict()),
} as const;
