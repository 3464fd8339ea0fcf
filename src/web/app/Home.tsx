import { lazy, Suspense } from 'react';
import { ApiError } from './api';
import { HomeRedirect } from './HomeRedirect';
import { usePlatform } from './platform';
import { usePublicSettings } from './session';
import { PATH_SLUG } from './workspace-path';
import { Loading } from '../ui/states';

const LandingPage = lazy(() => import('../features/cloud/LandingPage'));

/**
 * `/`: in cloud mode, where no workspace answers (the platform's own address), the landing page
 * with sign-up; anywhere else the person's home (HomeRedirect).
 */
export function Home() {
  const platform = usePlatform();
  const settings = usePublicSettings();
  if (PATH_SLUG) return <HomeRedirect />;
  if (platform.isPending) return <Loading />;
  if (!platform.data?.cloud) return <HomeRedirect />;
  if (settings.isPending) return <Loading />;
  const noWorkspace = settings.error instanceof ApiError && settings.error.status === 404;
  if (!noWorkspace) return <HomeRedirect />;
  return (
    <Suspense fallback={<Loading />}>
      <LandingPage />
    </Suspense>
  );
}
