import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorState, Loading } from '../ui/states';
import { ForbiddenPage } from './NotFoundPage';
import { can, isStaff, useMe } from './session';

/**
 * Pages for signed-in people. Signed out: to /login with the page to come back to.
 * `staff` pages need an agent or admin; `admin` pages need an admin or a management permission.
 * The server checks every call anyway; this only avoids showing pages that would fail.
 */
export function RequireSignIn({ children, staff, admin }: { children?: ReactNode; staff?: boolean; admin?: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loading label={t('common.loading')} />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data)
    return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  // K11: the workspace requires two-factor sign-in of this person, who has not turned it on yet.
  if (me.data.twoFactor.required && !me.data.twoFactor.enabled) return <Navigate to="/two-factor-setup" replace />;
  if (staff && !isStaff(me.data)) return <ForbiddenPage />;
  if (admin && !ADMIN_PERMISSIONS.some((p) => can(me.data, p))) return <ForbiddenPage />;
  return children ? <>{children}</> : <Outlet />;
}

export const ADMIN_PERMISSIONS = [
  'users.manage',
  'customers.manage',
  'access_levels.manage',
  'departments.manage',
  'groups.manage',
  'catalog.manage',
  'settings.manage',
  'billing.manage',
] as const;
