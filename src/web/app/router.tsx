import type { ComponentType } from 'react';
import { LinearProgress } from '@mui/material';
import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AppShell } from './AppShell';
import { PublicLayout } from './PublicLayout';
import { RequireSignIn } from './guards';
import { Home } from './Home';
import { NotFoundPage } from './NotFoundPage';
import { RouteError } from './RouteError';
import { WorkspaceGate } from './WorkspaceGate';
import { BASENAME } from './workspace-path';
import { PlatformLayout } from '../features/cloud/PlatformLayout';

/** Every page is its own chunk: the first visit loads only the shell and the page it opens. */
const page = (load: () => Promise<{ default: ComponentType }>): Pick<RouteObject, 'lazy'> => ({
  lazy: async () => ({ Component: (await load()).default }),
});

/**
 * What shows while the first page's chunk loads (react-router's "hydrate fallback": without one
 * it warns in the console on every first load). A thin bar, as the shell shows while it loads.
 */
function FirstLoad() {
  const { t } = useTranslation();
  return <LinearProgress aria-label={t('common.loading')} sx={{ position: 'fixed', top: 0, insetInline: 0 }} />;
}

export const routes: RouteObject[] = [
  {
    errorElement: <RouteError />,
    hydrateFallbackElement: <FirstLoad />,
    // Under /w/<slug>: nothing shows before the session is known to be this workspace's.
    element: <WorkspaceGate />,
    children: [
      { path: '/', element: <Home /> },
      // Cloud mode: the platform's sign-up, outside any workspace.
      {
        element: <PlatformLayout />,
        children: [
          { path: '/signup', ...page(() => import('../features/cloud/SignupPage')) },
          { path: '/terms', ...page(() => import('../features/cloud/TermsPage')) },
        ],
      },
      // Cloud mode: the platform operator's console, its own sign-in and frame, outside any workspace.
      { path: '/operator/login', ...page(() => import('../features/operator/OperatorLoginPage')) },
      {
        path: '/operator',
        ...page(() => import('../features/operator/OperatorLayout')),
        children: [
          { path: 'workspaces', ...page(() => import('../features/operator/WorkspacesPage')) },
          { path: 'plans', ...page(() => import('../features/operator/PlansPage')) },
          { path: 'settings', ...page(() => import('../features/operator/PlatformSettingsPage')) },
          { path: 'payments', ...page(() => import('../features/operator/PaymentsPage')) },
        ],
      },
      {
        element: <PublicLayout />,
        children: [
          { path: '/login', ...page(() => import('../features/auth/LoginPage')) },
          { path: '/register', ...page(() => import('../features/auth/RegisterPage')) },
          { path: '/forgot-password', ...page(() => import('../features/auth/ForgotPasswordPage')) },
          { path: '/reset-password', ...page(() => import('../features/auth/ResetPasswordPage')) },
          // K11: staff held until they turn on two-factor sign-in (guards.tsx sends them here).
          { path: '/two-factor-setup', ...page(() => import('../features/profile/TwoFactorSetupPage')) },
          { path: '/guest', element: <Navigate to="/guest/new" replace /> },
          { path: '/guest/new', ...page(() => import('../features/guest/GuestNewTicketPage')) },
          { path: '/guest/track', ...page(() => import('../features/guest/GuestTrackPage')) },
          { path: '/guest/tickets/:number', ...page(() => import('../features/guest/GuestTicketPage')) },
          // K5: the satisfaction survey a requester gets after the ticket closes.
          { path: '/csat/:token', ...page(() => import('../features/csat/CsatPage')) },
          { path: '/help', ...page(() => import('../features/kb/public/HelpHomePage')) },
          { path: '/help/groups/:id', ...page(() => import('../features/kb/public/HelpGroupPage')) },
          { path: '/help/articles/:slug', ...page(() => import('../features/kb/public/HelpArticlePage')) },
        ],
      },
      {
        element: (
          <RequireSignIn>
            <AppShell />
          </RequireSignIn>
        ),
        children: [
          { path: '/portal', ...page(() => import('../features/portal/PortalDashboard')) },
          { path: '/portal/new', ...page(() => import('../features/portal/NewTicketPage')) },
          { path: '/portal/tickets', ...page(() => import('../features/portal/MyTicketsPage')) },
          { path: '/portal/tickets/:number', ...page(() => import('../features/portal/PortalTicketPage')) },
          { path: '/portal/desks', ...page(() => import('../features/catalogue/CataloguePage')) },
          {
            path: '/portal/desks/:deskId/request-types/:id',
            ...page(() => import('../features/catalogue/RequestFormPage')),
          },
          { path: '/portal/requests', ...page(() => import('../features/catalogue/MyRequestsPage')) },
          { path: '/profile', ...page(() => import('../features/profile/ProfilePage')) },
          { path: '/notifications', ...page(() => import('../features/notifications/NotificationsPage')) },
          {
            element: <RequireSignIn staff />,
            children: [
              { path: '/agent', ...page(() => import('../features/agent/AgentDashboard')) },
              { path: '/agent/tickets', ...page(() => import('../features/agent/TicketCenter')) },
              { path: '/agent/new', ...page(() => import('../features/agent/AgentNewTicketPage')) },
              { path: '/agent/tickets/:number', ...page(() => import('../features/agent/AgentTicketPage')) },
              { path: '/agent/kb', ...page(() => import('../features/kb/admin/KbAdminPage')) },
              { path: '/agent/reports', ...page(() => import('../features/reports/ReportsPage')) },
              {
                path: '/agent/canned-responses',
                ...page(() => import('../features/canned-responses/CannedResponsesPage')),
              },
              { path: '/agent/kb/articles/new', ...page(() => import('../features/kb/admin/ArticleEditorPage')) },
              { path: '/agent/kb/articles/:id', ...page(() => import('../features/kb/admin/ArticleEditorPage')) },
            ],
          },
          {
            element: <RequireSignIn admin />,
            children: [
              { path: '/admin', element: <Navigate to="/admin/people" replace /> },
              { path: '/admin/people', ...page(() => import('../features/admin/PeoplePage')) },
              { path: '/admin/access-levels', ...page(() => import('../features/admin/AccessLevelsPage')) },
              { path: '/admin/departments', ...page(() => import('../features/admin/DepartmentsPage')) },
              { path: '/admin/groups', ...page(() => import('../features/admin/GroupsPage')) },
              { path: '/admin/ticket-types', ...page(() => import('../features/admin/TicketTypesPage')) },
              { path: '/admin/tags', ...page(() => import('../features/admin/TagsPage')) },
              { path: '/admin/org-units', ...page(() => import('../features/admin/OrgUnitsPage')) },
              { path: '/admin/mailboxes', ...page(() => import('../features/admin/MailboxesPage')) },
              { path: '/admin/directories', ...page(() => import('../features/directories/DirectoriesPage')) },
              { path: '/admin/directories/:id', ...page(() => import('../features/directories/DirectoryPage')) },
              { path: '/admin/settings', ...page(() => import('../features/admin/SettingsPage')) },
              { path: '/admin/calendars', ...page(() => import('../features/admin/calendars/CalendarsPage')) },
              { path: '/admin/sla', ...page(() => import('../features/admin/sla/SlaPoliciesPage')) },
              { path: '/admin/desks', ...page(() => import('../features/admin/catalogue/DesksPage')) },
              {
                path: '/admin/desks/:deskId/request-types/:id',
                ...page(() => import('../features/admin/catalogue/RequestTypePage')),
              },
              { path: '/admin/sms-gateway', ...page(() => import('../features/admin/SmsGatewayPage')) },
              { path: '/admin/sms-credit', ...page(() => import('../features/admin/SmsCreditPage')) },
              { path: '/admin/billing', ...page(() => import('../features/billing/BillingPage')) },
              { path: '/admin/deliveries', ...page(() => import('../features/admin/DeliveriesPage')) },
              { path: '/admin/webhooks', ...page(() => import('../features/webhooks/WebhooksPage')) },
              { path: '/admin/triggers', ...page(() => import('../features/admin/triggers/TriggersPage')) },
            ],
          },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

// Under /w/<slug> (cloud mode) the app runs below that prefix: links and redirects keep it.
export const router = createBrowserRouter(routes, { basename: BASENAME });
