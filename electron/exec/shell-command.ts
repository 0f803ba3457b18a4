/**
 * The command a "Shell" opens: bash when the image has it, else sh, decided inside the container
 * in one exec — probing with a first exec (as Headlamp does, bash then sh) costs a round trip and
 * shows a failed session for every sh-only image. TERM matches what xterm.js emulates.
 */
export const SHELL_COMMAND = [
  'sh',
  '-c',
  'TERM=xterm-256color; export TERM; if command -v bash >/dev/null 2>&1; then exec bash; else exec sh; fi',
];

/** A root shell in the node's namespaces from a privileged pod with hostPID (PID 1 is the node's init). */
export const NODE_SHELL_COMMAND = ['nsenter', '-t', '1', '-m', '-u', '-i', '-n', '-p', '--', ...SHELL_COMMAND];
