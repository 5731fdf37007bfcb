import type { ReactNode } from 'react';
import { createBrowserRouter, Navigate, Outlet, useLocation, type RouteObject } from 'react-router-dom';
import { LoginPage, RegisterPage, useMe } from '@/features/auth';
import { ContactsPage } from '@/features/contacts';
import { MachinesPage } from '@/features/fleet';
import { NotificationSettingsPage, NotificationsPage, NotificationToast } from '@/features/notifications';
import { ImportPage } from '@/features/imports';
import { IssuesPage, ServiceHistoryPage, WorkOrdersPage } from '@/features/workshop';
import { Spinner } from '@/components/spinner';
import { QueryState } from '@/components/query-state';
import { Toaster } from '@/components/toaster';
import { sessionEnded } from '@/lib/session';
import { safeReturnPath } from '@/lib/return-path';
import type { User } from '@/lib/types';
import { AppShell } from './app-shell';
import { DashboardRoute } from './routes/dashboard-route';
import { MachineDetailRoute } from './routes/machine-detail-route';
import { MessagesRoute } from './routes/messages-route';
import { NotFoundRoute } from './routes/not-found-route';
import { IssueDetailRoute, WorkOrderDetailRoute, WorkOrderFormRoute } from './routes/workshop-routes';

function Root() {
  return (
    <>
      <Outlet />
      <Toaster renderNotification={(n, dismiss) => <NotificationToast notification={n} onOpen={dismiss} />} />
    </>
  );
}

function WithUser({ children }: { children: (user: User) => ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Spinner />;
  // A failed refetch while signed in (the server is down) keeps the app: the outage banner says it.
  if (me.error && !me.data) {
    return (
      <div className="pad">
        <QueryState isPending={false} error={me.error} onRetry={() => void me.refetch()}>
          {null}
        </QueryState>
      </div>
    );
  }
  if (!me.data) {
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search, expired: sessionEnded.get() }} />;
  }
  return <>{children(me.data)}</>;
}

function PublicOnly({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Spinner />;
  // Signed in (just now, or already): back to the page that was asked for.
  if (me.data) return <Navigate to={safeReturnPath((location.state as { from?: unknown } | null)?.from)} replace />;
  return <>{children}</>;
}

export const routes: RouteObject[] = [
  {
    element: <Root />,
    children: [
      { path: '/login', element: <PublicOnly><LoginPage /></PublicOnly> },
      { path: '/register', element: <PublicOnly><RegisterPage /></PublicOnly> },
      {
        path: '/',
        element: <WithUser>{(user) => <AppShell user={user} />}</WithUser>,
        children: [
          { index: true, element: <WithUser>{(user) => <DashboardRoute user={user} />}</WithUser> },
          { path: 'machines', element: <MachinesPage /> },
          { path: 'machines/:machineId', element: <WithUser>{(user) => <MachineDetailRoute user={user} />}</WithUser> },
          { path: 'issues', element: <IssuesPage /> },
          { path: 'issues/:issueId', element: <WithUser>{(user) => <IssueDetailRoute user={user} />}</WithUser> },
          { path: 'work-orders', element: <WorkOrdersPage /> },
          { path: 'work-orders/:workOrderId', element: <WithUser>{(user) => <WorkOrderDetailRoute user={user} />}</WithUser> },
          { path: 'machines/:machineId/work-orders/new', element: <WithUser>{(user) => <WorkOrderFormRoute user={user} />}</WithUser> },
          { path: 'machines/:machineId/history', element: <ServiceHistoryPage /> },
          { path: 'imports', element: <ImportPage /> },
          { path: 'imports/:importId', element: <ImportPage /> },
          { path: 'contacts', element: <ContactsPage /> },
          { path: 'messages', element: <WithUser>{(user) => <MessagesRoute user={user} />}</WithUser> },
          { path: 'messages/:userId', element: <WithUser>{(user) => <MessagesRoute user={user} />}</WithUser> },
          { path: 'notifications', element: <NotificationsPage /> },
          { path: 'settings', element: <NotificationSettingsPage /> },
          { path: '*', element: <NotFoundRoute /> },
        ],
      },
    ],
  },
];

export const createRouter = () => createBrowserRouter(routes);
