import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { signedIn, type Me } from '../../app/session';

/** After any way of signing in: remember the person, switch to their language, go where they were headed. */
export function useAfterSignIn() {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  return (me: Me) => {
    signedIn(qc, me);
    const next = params.get('next');
    // Only same-site paths: never follow `next` to another origin.
    const safe =
      next && next.startsWith('/') && !next.startsWith('//')
        ? next
        : me.user.role === 'customer'
          ? '/portal'
          : '/agent/tickets';
    void navigate(safe, { replace: true });
  };
}
