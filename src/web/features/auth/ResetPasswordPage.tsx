// PLACEHOLDER: replaced by the real page.
export default function ResetPasswordPage() {
  return null;
}
