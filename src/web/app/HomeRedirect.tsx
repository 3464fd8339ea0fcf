import { Navigate } from 'react-router';
import { ErrorState, Loading } from '../ui/states';
import { isStaff, useMe } from './session';

/** `/`: agents to their ticket center, customers to the portal, everyone else to sign-in. */
export function HomeRedirect() {
  const me = useMe();
  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) return <Navigate to="/login" replace />;
  return <Navigate to={isStaff(me.data) ? '/agent/tickets' : '/portal'} replace />;
}
