// PLACEHOLDER: replaced by the real page.
export default function MyTicketsPage() {
  return null;
}
