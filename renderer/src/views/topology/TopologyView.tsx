/** The live topology map (issue 5). */
export function TopologyView() {
  return <p className="empty-note">The topology map is not built yet.</p>;
}
