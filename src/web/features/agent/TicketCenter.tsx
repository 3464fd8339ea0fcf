// PLACEHOLDER: replaced by the real page.
export default function TicketCenter() {
  return null;
}
