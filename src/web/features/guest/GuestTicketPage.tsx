// PLACEHOLDER: replaced by the real page.
export default function GuestTicketPage() {
  return null;
}
