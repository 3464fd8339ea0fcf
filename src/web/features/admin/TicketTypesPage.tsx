// PLACEHOLDER: replaced by the real page.
export default function TicketTypesPage() {
  return null;
}
