// PLACEHOLDER: replaced by the real page.
export default function GuestNewTicketPage() {
  return null;
}
