/**
 * How a session ended, from the V1Status the kubelet writes on channel 3: Success is exit 0, a
 * NonZeroExitCode failure carries the code in its `ExitCode` cause, anything else is an error
 * whose message is the server's (e.g. "executable file not found in $PATH").
 */
export type ExecOutcome = { code: number } | { error: string };

interface StatusCause {
  reason?: string;
  message?: string;
}

interface ExecStatus {
  status?: string;
  message?: string;
  reason?: string;
  details?: { causes?: StatusCause[] };
}

export function outcomeOfStatus(frame: Buffer): ExecOutcome {
  const text = frame.toString('utf8');
  let status: ExecStatus;
  try {
    status = JSON.parse(text) as ExecStatus;
  } catch {
    // The v1 protocol sent plain text; anything unparseable is shown as the server wrote it.
    return { error: text.trim() || 'the container runtime reported an error without a message' };
  }
  if (status.status === 'Success') return { code: 0 };
  if (status.reason === 'NonZeroExitCode') {
    const cause = status.details?.causes?.find((c) => c.reason === 'ExitCode');
    const code = Number(cause?.message);
    if (Number.isInteger(code)) return { code };
  }
  return { error: status.message ?? `the command failed (${status.reason ?? 'no reason given'})` };
}
