// PLACEHOLDER: replaced by the real page.
export default function SettingsPage() {
  return null;
}
