/** Exec terminal tabs in the bottom dock (issue 7). */
export function TerminalsPanel() {
  return <p className="empty-note">No terminal sessions. Open a shell from a pod to start one.</p>;
}
