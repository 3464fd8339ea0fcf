// PLACEHOLDER: replaced by the real page.
export default function GuestTrackPage() {
  return null;
}
