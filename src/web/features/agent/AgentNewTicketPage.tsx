// PLACEHOLDER: replaced by the real page.
export default function AgentNewTicketPage() {
  return null;
}
