// PLACEHOLDER: replaced by the real page.
export default function RegisterPage() {
  return null;
}
