import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { usePublicSettings } from '../../../app/session';

/** The browser tab's title: «what this page is · the workspace's title», back to before on leaving. */
export function usePageTitle(title: string | null | undefined) {
  const { t } = useTranslation();
  const workspace = usePublicSettings().data?.title || t('app.name');
  useEffect(() => {
    if (!title) return;
    const before = document.title;
    document.title = `${title} · ${workspace}`;
    return () => {
      document.title = before;
    };
  }, [title, workspace]);
}
