// PLACEHOLDER: replaced by the real page.
export default function OrgUnitsPage() {
  return null;
}
