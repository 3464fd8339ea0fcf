import { useState } from 'react';
import InsertLink from '@mui/icons-material/InsertLink';
import type { Editor } from '@tiptap/react';
import { useTranslation } from 'react-i18next';
import { LinkDialog } from './LinkDialog';
import { ToolButton } from './ToolButton';
import type { ToolbarState } from './toolbarState';

/** Adds, changes or removes the link on the selection (or inserts a new linked text). */
export function LinkButton({ editor, s }: { editor: Editor; s: ToolbarState }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const collapsed = editor.state.selection.empty;
  const save = (href: string, text: string) => {
    setOpen(false);
    const chain = editor.chain().focus().extendMarkRange('link');
    if (!href) chain.unsetLink().run();
    else if (collapsed && !s.link)
      chain.insertContent({ type: 'text', text: text || href, marks: [{ type: 'link', attrs: { href } }] }).run();
    else chain.setLink({ href }).run();
  };
  return (
    <>
      <ToolButton
        name="link"
        label={t('editor.link')}
        icon={<InsertLink />}
        active={s.link}
        popup="dialog"
        onClick={() => setOpen(true)}
      />
      {open && (
        <LinkDialog
          initialHref={s.link ? ((editor.getAttributes('link').href as string | undefined) ?? '') : ''}
          askText={collapsed && !s.link}
          onClose={() => {
            setOpen(false);
            editor.commands.focus();
          }}
          onSave={save}
        />
      )}
    </>
  );
}
