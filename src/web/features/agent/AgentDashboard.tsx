// PLACEHOLDER: replaced by the real page.
export default function AgentDashboard() {
  return null;
}
