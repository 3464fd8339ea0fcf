// PLACEHOLDER: replaced by the real page.
export default function PortalTicketPage() {
  return null;
}
