import { useTranslation } from 'react-i18next';

/** "Skip to content": the first stop of the keyboard focus order. */
export function SkipLink() {
  const { t } = useTranslation();
  return (
    <a
      href="#main"
      style={{
        position: 'absolute',
        insetInlineStart: 8,
        top: -48,
        zIndex: 2000,
        padding: 8,
        background: '#fff',
        color: '#0b5cad',
      }}
      onFocus={(e) => (e.currentTarget.style.top = '8px')}
      onBlur={(e) => (e.currentTarget.style.top = '-48px')}
    >
      {t('nav.skipToContent')}
    </a>
  );
}
