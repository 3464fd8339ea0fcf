import { Button, IconButton, Tab, Tabs, Tooltip, useMediaQuery, useTheme } from '@mui/material';
import Logout from '@mui/icons-material/Logout';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, Loading } from '../../ui/states';
import { OperatorFrame } from './OperatorFrame';
import { isSignedOut, isUnavailable, useOperatorSession, useOperatorSignOut } from './operator-api';

const SECTIONS = ['workspaces', 'plans', 'settings', 'payments'] as const;

/** `/operator/*`: signed out goes to the console's sign-in; a server without an operator says so. */
export default function OperatorLayout() {
  const { t } = useTranslation();
  const session = useOperatorSession();
  const location = useLocation();
  const navigate = useNavigate();
  const signOut = useOperatorSignOut();
  const theme = useTheme();
  const phone = useMediaQuery(theme.breakpoints.down('sm'));
  const leave = () => void signOut().then(() => navigate('/operator/login', { replace: true }));
  const section = SECTIONS.find((s) => location.pathname.startsWith(`/operator/${s}`)) ?? false;

  if (session.isPending)
    return (
      <OperatorFrame>
        <Loading />
      </OperatorFrame>
    );
  if (isSignedOut(session.error))
    return <Navigate to={`/operator/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (session.isError)
    return (
      <OperatorFrame>
        {isUnavailable(session.error) ? (
          <EmptyState title={t('operator.unavailable')} hint={t('operator.unavailableHint')} />
        ) : (
          <ErrorState error={session.error} onRetry={() => void session.refetch()} />
        )}
      </OperatorFrame>
    );
  if (location.pathname.replace(/\/+$/, '') === '/operator') return <Navigate to="/operator/workspaces" replace />;

  return (
    <OperatorFrame
      nav={
        phone ? (
          <Tooltip title={t('nav.signOut')}>
            <IconButton color="inherit" aria-label={t('nav.signOut')} data-testid="operator-sign-out" onClick={leave}>
              <Logout />
            </IconButton>
          </Tooltip>
        ) : (
          <Button color="inherit" startIcon={<Logout />} data-testid="operator-sign-out" onClick={leave}>
            {t('nav.signOut')}
          </Button>
        )
      }
    >
      <Tabs
        value={section}
        variant="scrollable"
        allowScrollButtonsMobile
        aria-label={t('operator.sections')}
        sx={{ mb: 2, borderBottom: 1, borderColor: 'divider' }}
      >
        {SECTIONS.map((s) => (
          <Tab
            key={s}
            value={s}
            label={t(`operator.nav.${s}`)}
            component={Link}
            to={`/operator/${s}`}
            data-testid={`operator-nav-${s}`}
          />
        ))}
      </Tabs>
      <Outlet />
    </OperatorFrame>
  );
}
