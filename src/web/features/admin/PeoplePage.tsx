// PLACEHOLDER: replaced by the real page.
export default function PeoplePage() {
  return null;
}
