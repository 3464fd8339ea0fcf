import { useTranslation } from 'react-i18next';
import { ShortcutsDialog as Shortcuts } from '../../../ui/ShortcutsDialog';

const KEYS: Array<[string[], string]> = [
  [['j', ']'], 'next'],
  [['k', '['], 'prev'],
  [['r'], 'reply'],
  [['n'], 'note'],
  [['Ctrl + Enter', '⌘ + Enter'], 'send'],
  [['Ctrl + Shift + Enter', '⌘ + Shift + Enter'], 'sendClose'],
  [['Esc'], 'leave'],
  [['?'], 'help'],
];

/** The ticket page's keyboard help. */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const shortcuts = KEYS.map(([keys, action]) => ({ keys, label: t(`ticket.shortcuts.${action}`) }));
  return (
    <Shortcuts
      onClose={onClose}
      title={t('ticket.shortcuts.title')}
      keyHeader={t('ticket.shortcuts.key')}
      actionHeader={t('ticket.shortcuts.action')}
      shortcuts={shortcuts}
      note={t('ticket.shortcuts.anyLayout')}
    />
  );
}
