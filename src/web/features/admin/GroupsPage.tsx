// PLACEHOLDER: replaced by the real page.
export default function GroupsPage() {
  return null;
}
