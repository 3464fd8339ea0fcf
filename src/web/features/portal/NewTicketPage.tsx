// PLACEHOLDER: replaced by the real page.
export default function NewTicketPage() {
  return null;
}
