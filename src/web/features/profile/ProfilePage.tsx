// PLACEHOLDER: replaced by the real page.
export default function ProfilePage() {
  return null;
}
