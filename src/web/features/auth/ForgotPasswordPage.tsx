// PLACEHOLDER: replaced by the real page.
export default function ForgotPasswordPage() {
  return null;
}
