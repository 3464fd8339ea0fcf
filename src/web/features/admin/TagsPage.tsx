// PLACEHOLDER: replaced by the real page.
export default function TagsPage() {
  return null;
}
