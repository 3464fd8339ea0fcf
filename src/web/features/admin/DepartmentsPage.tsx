// PLACEHOLDER: replaced by the real page.
export default function DepartmentsPage() {
  return null;
}
