// PLACEHOLDER: replaced by the real page.
export default function LoginPage() {
  return null;
}
