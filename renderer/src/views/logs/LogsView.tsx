/** Multi-pod log following with the rollout tracker beside it (issue 6). */
export function LogsView() {
  return <p className="empty-note">Log following is not built yet.</p>;
}
