import { useTranslation } from 'react-i18next';
import { ShortcutsDialog as Shortcuts } from '../../../ui/ShortcutsDialog';

const SHORTCUTS: Array<[string[], string]> = [
  [['j', '↓'], 'next'],
  [['k', '↑'], 'previous'],
  [['Enter'], 'open'],
  [['x'], 'select'],
  [['/'], 'search'],
  [['?'], 'help'],
];

/** The ticket center's keyboard help. */
export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const shortcuts = SHORTCUTS.map(([keys, what]) => ({
    keys: keys.map((k) => (k === 'Enter' ? t('center.keys.enter') : k)),
    label: t(`center.keys.${what}`),
  }));
  return (
    <Shortcuts
      open={open}
      onClose={onClose}
      title={t('center.keys.title')}
      keyHeader={t('center.keys.key')}
      actionHeader={t('center.keys.does')}
      shortcuts={shortcuts}
      note={t('center.keys.anyLayout')}
    />
  );
}
