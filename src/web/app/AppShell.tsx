import { lazy, Suspense, useState, type ReactNode } from 'react';
import {
  AppBar,
  Avatar,
  Box,
  Divider,
  Drawer,
  IconButton,
  List,
  ListItem,
  ListItemButton,
  ListItemIcon,
  ListItemText,
  ListSubheader,
  Menu,
  MenuItem,
  Toolbar,
  Typography,
  useMediaQuery,
  useTheme,
} from '@mui/material';
import MenuIcon from '@mui/icons-material/Menu';
import Dashboard from '@mui/icons-material/Dashboard';
import Inbox from '@mui/icons-material/Inbox';
import QuickreplyOutlined from '@mui/icons-material/QuickreplyOutlined';
import AddCircleOutline from '@mui/icons-material/AddCircleOutline';
import People from '@mui/icons-material/People';
import Security from '@mui/icons-material/Security';
import Apartment from '@mui/icons-material/Apartment';
import Groups from '@mui/icons-material/Groups';
import Category from '@mui/icons-material/Category';
import LocalOffer from '@mui/icons-material/LocalOffer';
import AccountTree from '@mui/icons-material/AccountTree';
import Settings from '@mui/icons-material/Settings';
import Email from '@mui/icons-material/Email';
import Dns from '@mui/icons-material/Dns';
import OpenInNew from '@mui/icons-material/OpenInNew';
import Sms from '@mui/icons-material/Sms';
import AccountBalanceWallet from '@mui/icons-material/AccountBalanceWallet';
import Payments from '@mui/icons-material/Payments';
import Outbox from '@mui/icons-material/Outbox';
import EventNote from '@mui/icons-material/EventNote';
import Timer from '@mui/icons-material/Timer';
import SupportAgent from '@mui/icons-material/SupportAgent';
import Storefront from '@mui/icons-material/Storefront';
import ListAlt from '@mui/icons-material/ListAlt';
import MenuBookOutlined from '@mui/icons-material/MenuBookOutlined';
import BarChart from '@mui/icons-material/BarChart';
import HelpOutline from '@mui/icons-material/HelpOutline';
import Webhook from '@mui/icons-material/Webhook';
import Bolt from '@mui/icons-material/Bolt';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Permission } from '../../contracts/permissions';
import { LowCreditBanner } from '../features/notifications/LowCreditBanner';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { API_DOCS_URL } from '../features/profile/api-docs';
import { Banners } from './Banners';
import { LanguageSwitch } from './LanguageSwitch';
import { useLiveStream } from './live';
import { can, isAdmin, isStaff, useMe, usePublicSettings, useSignOut, type Me } from './session';
import { SkipLink } from './SkipLink';
import { UserText } from '../ui/UserText';
import { AwayChip } from '../ui/AwayChip';

/** Issue 20: the "away" switch, loaded when opened (it carries the date picker). */
const AwayDialog = lazy(() => import('../features/profile/AwayDialog').then((m) => ({ default: m.AwayDialog })));

const DRAWER = 248;

interface NavItem {
  to: string;
  label: string;
  icon: ReactNode;
  /** Shown only to people holding one of these permissions (admins hold all). */
  perms?: Permission[];
  /** Shown only to admins (their API answers no one else). */
  adminOnly?: boolean;
}

/**
 * The frame of every signed-in page: top bar, navigation by role, banners, live updates.
 * RequireSignIn sends the signed-out away, but a render already under way when the session ends
 * (sign-out empties the cache, then navigates) can still reach here once: it draws nothing then.
 */
export function AppShell() {
  const me = useMe().data;
  return me ? <SignedInShell me={me} /> : null;
}

function SignedInShell({ me }: { me: Me }) {
  const { t } = useTranslation();
  const settings = usePublicSettings();
  const theme = useTheme();
  const wide = useMediaQuery(theme.breakpoints.up('md'));
  const [open, setOpen] = useState(false);
  const [menu, setMenu] = useState<HTMLElement | null>(null);
  const [awayOpen, setAwayOpen] = useState(false);
  const location = useLocation();
  const navigate = useNavigate();
  const signOut = useSignOut();
  useLiveStream(true);

  const staff = isStaff(me);
  const sections: Array<{ heading: string; items: NavItem[] }> = staff
    ? [
        {
          heading: t('nav.tickets'),
          items: [
            { to: '/agent', label: t('nav.dashboard'), icon: <Dashboard /> },
            { to: '/agent/tickets', label: t('nav.ticketCenter'), icon: <Inbox /> },
            { to: '/agent/new', label: t('nav.newTicket'), icon: <AddCircleOutline />, perms: ['tickets.create'] },
            { to: '/agent/kb', label: t('nav.kb'), icon: <MenuBookOutlined /> },
            { to: '/agent/reports', label: t('nav.reports'), icon: <BarChart />, perms: ['reports.view'] },
            { to: '/agent/canned-responses', label: t('nav.cannedResponses'), icon: <QuickreplyOutlined /> },
          ],
        },
        {
          heading: t('nav.admin'),
          items: [
            {
              to: '/admin/people',
              label: t('nav.people'),
              icon: <People />,
              perms: ['users.manage', 'customers.manage'],
            },
            {
              to: '/admin/access-levels',
              label: t('nav.accessLevels'),
              icon: <Security />,
              perms: ['access_levels.manage'],
            },
            {
              to: '/admin/departments',
              label: t('nav.departments'),
              icon: <Apartment />,
              perms: ['departments.manage'],
            },
            { to: '/admin/groups', label: t('nav.groups'), icon: <Groups />, perms: ['groups.manage'] },
            { to: '/admin/ticket-types', label: t('nav.ticketTypes'), icon: <Category />, perms: ['catalog.manage'] },
            { to: '/admin/tags', label: t('nav.tags'), icon: <LocalOffer />, perms: ['catalog.manage'] },
            { to: '/admin/org-units', label: t('nav.orgUnits'), icon: <AccountTree />, perms: ['catalog.manage'] },
            { to: '/admin/mailboxes', label: t('nav.mailboxes'), icon: <Email />, perms: ['mailboxes.manage'] },
            { to: '/admin/directories', label: t('nav.directories'), icon: <Dns />, adminOnly: true },
            { to: '/admin/settings', label: t('nav.settings'), icon: <Settings />, perms: ['settings.manage'] },
            { to: '/admin/calendars', label: t('nav.calendars'), icon: <EventNote />, perms: ['settings.manage'] },
            { to: '/admin/sla', label: t('nav.sla'), icon: <Timer />, perms: ['settings.manage'] },
            { to: '/admin/desks', label: t('nav.desks'), icon: <SupportAgent />, perms: ['catalog.manage'] },
            { to: '/admin/sms-gateway', label: t('nav.smsGateway'), icon: <Sms />, perms: ['settings.manage'] },
            {
              to: '/admin/sms-credit',
              label: t('nav.smsCredit'),
              icon: <AccountBalanceWallet />,
              perms: ['settings.manage', 'billing.manage'],
            },
            { to: '/admin/billing', label: t('nav.billing'), icon: <Payments />, perms: ['billing.manage'] },
            { to: '/admin/deliveries', label: t('nav.deliveries'), icon: <Outbox />, perms: ['settings.manage'] },
            { to: '/admin/webhooks', label: t('nav.webhooks'), icon: <Webhook />, adminOnly: true },
            { to: '/admin/triggers', label: t('nav.triggers'), icon: <Bolt />, adminOnly: true },
          ],
        },
      ]
    : [
        {
          heading: t('nav.portal'),
          items: [
            { to: '/portal', label: t('nav.dashboard'), icon: <Dashboard /> },
            { to: '/portal/new', label: t('nav.newTicket'), icon: <AddCircleOutline /> },
            { to: '/portal/tickets', label: t('nav.myTickets'), icon: <Inbox /> },
            { to: '/portal/desks', label: t('nav.serviceDesks'), icon: <Storefront /> },
            { to: '/portal/requests', label: t('nav.myRequests'), icon: <ListAlt /> },
            { to: '/help', label: t('nav.help'), icon: <HelpOutline /> },
          ],
        },
      ];

  const visible = (i: NavItem) => (!i.adminOnly || isAdmin(me)) && (!i.perms || i.perms.some((p) => can(me, p)));
  const isCurrent = (to: string) =>
    location.pathname === to || (to !== '/agent' && to !== '/portal' && location.pathname.startsWith(`${to}/`));
  const nav = (
    <Box component="nav" aria-label={t('nav.main')} sx={{ overflowY: 'auto' }}>
      {sections
        .filter((s) => s.items.some(visible))
        .map((s) => (
          <List key={s.heading} subheader={<ListSubheader>{s.heading}</ListSubheader>} dense>
            {s.items.filter(visible).map((i) => (
              <ListItem key={i.to} disablePadding>
                <ListItemButton
                  component={Link}
                  to={i.to}
                  selected={isCurrent(i.to)}
                  aria-current={isCurrent(i.to) ? 'page' : undefined}
                  onClick={() => setOpen(false)}
                >
                  <ListItemIcon sx={{ minWidth: 40 }}>{i.icon}</ListItemIcon>
                  <ListItemText primary={i.label} />
                </ListItemButton>
              </ListItem>
            ))}
          </List>
        ))}
    </Box>
  );

  return (
    <Box sx={{ display: 'flex', minHeight: '100vh' }}>
      <SkipLink />
      <AppBar position="fixed" sx={{ zIndex: (th) => th.zIndex.drawer + 1 }}>
        <Toolbar sx={{ gap: 1 }}>
          {!wide && (
            <IconButton color="inherit" edge="start" aria-label={t('nav.openMenu')} onClick={() => setOpen(true)}>
              <MenuIcon />
            </IconButton>
          )}
          {settings.data?.logoUrl && (
            <Box
              component="img"
              src={settings.data.logoUrl}
              alt=""
              sx={{ height: 32, bgcolor: 'white', borderRadius: 1, p: 0.25 }}
            />
          )}
          <Typography
            variant="h6"
            component={Link}
            to="/"
            noWrap
            sx={{ flexGrow: 1, color: 'inherit', textDecoration: 'none' }}
          >
            <UserText>{settings.data?.title ?? t('app.name')}</UserText>
          </Typography>
          <LanguageSwitch />
          <NotificationBell me={me} />
          {staff && me.user.away && (
            <AwayChip onDark until={wide ? me.user.awayUntil : null} onClick={() => setAwayOpen(true)} />
          )}
          <IconButton
            color="inherit"
            aria-label={t('nav.account', { name: me.user.name })}
            aria-haspopup="menu"
            onClick={(e) => setMenu(e.currentTarget)}
            data-testid="account-menu"
          >
            <Avatar src={me.user.avatarUrl ?? undefined} alt="" sx={{ width: 32, height: 32 }}>
              {me.user.name.slice(0, 1)}
            </Avatar>
          </IconButton>
          <Menu anchorEl={menu} open={!!menu} onClose={() => setMenu(null)}>
            <MenuItem disabled>
              <UserText>{me.user.name}</UserText>
            </MenuItem>
            <Divider />
            <MenuItem
              onClick={() => {
                setMenu(null);
                void navigate('/profile');
              }}
            >
              {t('nav.profile')}
            </MenuItem>
            {staff && (
              <MenuItem
                onClick={() => {
                  setMenu(null);
                  setAwayOpen(true);
                }}
                data-testid="away-menu"
              >
                <ListItemText>{t('away.menu')}</ListItemText>
                {me.user.away && <AwayChip />}
              </MenuItem>
            )}
            {staff && (
              <MenuItem
                component="a"
                href={API_DOCS_URL}
                target="_blank"
                rel="noopener"
                onClick={() => setMenu(null)}
                data-testid="api-docs-menu"
              >
                <ListItemText>{t('nav.apiDocs')}</ListItemText>
                <OpenInNew fontSize="small" sx={{ ms: 1, color: 'text.secondary' }} aria-hidden />
              </MenuItem>
            )}
            <MenuItem
              onClick={async () => {
                setMenu(null);
                await signOut();
                void navigate('/login');
              }}
              data-testid="sign-out"
            >
              {t('nav.signOut')}
            </MenuItem>
          </Menu>
          {awayOpen && (
            <Suspense fallback={null}>
              <AwayDialog me={me} onClose={() => setAwayOpen(false)} />
            </Suspense>
          )}
        </Toolbar>
      </AppBar>
      <Drawer
        variant={wide ? 'permanent' : 'temporary'}
        open={wide || open}
        onClose={() => setOpen(false)}
        sx={{
          width: wide ? DRAWER : undefined,
          flexShrink: 0,
          '& .MuiDrawer-paper': { width: DRAWER, boxSizing: 'border-box' },
        }}
      >
        <Toolbar />
        {nav}
      </Drawer>
      <Box sx={{ flexGrow: 1, minWidth: 0, display: 'flex', flexDirection: 'column' }}>
        <Toolbar />
        <div>
          <Banners />
          <LowCreditBanner me={me} />
        </div>
        <Box
          component="main"
          id="main"
          tabIndex={-1}
          sx={{ p: { xs: 1.5, sm: 3 }, flexGrow: 1, outline: 'none', minWidth: 0 }}
        >
          <Outlet />
        </Box>
      </Box>
    </Box>
  );
}
