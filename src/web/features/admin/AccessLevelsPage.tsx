// PLACEHOLDER: replaced by the real page.
export default function AccessLevelsPage() {
  return null;
}
