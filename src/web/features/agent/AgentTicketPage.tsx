// PLACEHOLDER: replaced by the real page.
export default function AgentTicketPage() {
  return null;
}
