// PLACEHOLDER: replaced by the real page.
export default function PortalDashboard() {
  return null;
}
