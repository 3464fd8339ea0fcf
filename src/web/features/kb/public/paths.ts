/** Where an article is read in the help centre (the slug may be Persian: percent-encoded). */
export const articlePath = (slug: string, suggestion?: string) =>
  `/help/articles/${encodeURIComponent(slug)}${suggestion ? `?suggestion=${encodeURIComponent(suggestion)}` : ''}`;

/** The new-ticket form for this visitor (the portal's when signed in), its subject filled in (?subject=). */
export function newTicketPath(signedIn: boolean, subject?: string): string {
  const path = signedIn ? '/portal/new' : '/guest/new';
  return subject ? `${path}?${new URLSearchParams({ subject })}` : path;
}
