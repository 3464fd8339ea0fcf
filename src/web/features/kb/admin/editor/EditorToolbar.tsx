import type { ReactNode } from 'react';
import { Divider, Stack } from '@mui/material';
import FormatBold from '@mui/icons-material/FormatBold';
import FormatItalic from '@mui/icons-material/FormatItalic';
import FormatUnderlined from '@mui/icons-material/FormatUnderlined';
import StrikethroughS from '@mui/icons-material/StrikethroughS';
import FormatListBulleted from '@mui/icons-material/FormatListBulleted';
import FormatListNumbered from '@mui/icons-material/FormatListNumbered';
import FormatQuote from '@mui/icons-material/FormatQuote';
import Code from '@mui/icons-material/Code';
import DataObject from '@mui/icons-material/DataObject';
import HorizontalRule from '@mui/icons-material/HorizontalRule';
import FormatTextdirectionRToL from '@mui/icons-material/FormatTextdirectionRToL';
import FormatTextdirectionLToR from '@mui/icons-material/FormatTextdirectionLToR';
import Undo from '@mui/icons-material/Undo';
import Redo from '@mui/icons-material/Redo';
import type { Editor } from '@tiptap/react';
import { useTranslation } from 'react-i18next';
import { ImageButton } from './ImageButton';
import { LinkButton } from './LinkButton';
import { TableMenu } from './TableMenu';
import { ToolButton } from './ToolButton';
import { BlockSelect, FontFamilySelect, FontSizeSelect } from './ToolSelects';
import { useToolbarState } from './toolbarState';

const Sep = () => <Divider orientation="vertical" flexItem sx={{ mx: 0.5, my: 0.5 }} />;

/**
 * The article editor's toolbar. Plain: headings, bold/italic/underline, lists, link, code, undo.
 * Advanced (the switch, or full screen): font family and size, strike, quote, direction per
 * block, images, tables and a rule as well.
 */
export function EditorToolbar({
  editor,
  advanced,
  onProblem,
}: {
  editor: Editor;
  advanced: boolean;
  onProblem: (text: string | null) => void;
}) {
  const { t } = useTranslation();
  const s = useToolbarState(editor);
  const c = () => editor.chain().focus();
  const mark = (name: string, icon: ReactNode, active: boolean | undefined, run: () => void) => (
    <ToolButton key={name} name={name} label={t(`editor.${name}`)} icon={icon} active={active} onClick={run} />
  );
  const dir = (d: 'rtl' | 'ltr') =>
    mark(d, d === 'rtl' ? <FormatTextdirectionRToL /> : <FormatTextdirectionLToR />, s.dir === d, () =>
      c()
        .setBlockDirection(s.dir === d ? null : d)
        .run(),
    );
  return (
    <Stack
      direction="row"
      role="toolbar"
      aria-label={t('editor.toolbar')}
      data-testid="kb-toolbar"
      sx={{
        borderBottom: 1,
        borderColor: 'divider',
        px: 0.5,
        py: 0.25,
        flexWrap: 'wrap',
        alignItems: 'center',
        rowGap: 0.5,
        columnGap: 0.25,
        bgcolor: 'background.paper',
      }}
    >
      <BlockSelect editor={editor} s={s} />
      {advanced && (
        <>
          <FontFamilySelect editor={editor} s={s} />
          <FontSizeSelect editor={editor} s={s} />
        </>
      )}
      <Sep />
      {mark('bold', <FormatBold />, s.bold, () => c().toggleBold().run())}
      {mark('italic', <FormatItalic />, s.italic, () => c().toggleItalic().run())}
      {mark('underline', <FormatUnderlined />, s.underline, () => c().toggleUnderline().run())}
      {advanced && mark('strike', <StrikethroughS />, s.strike, () => c().toggleStrike().run())}
      <Sep />
      {mark('bulletList', <FormatListBulleted />, s.bulletList, () => c().toggleBulletList().run())}
      {mark('orderedList', <FormatListNumbered />, s.orderedList, () => c().toggleOrderedList().run())}
      {advanced && mark('quote', <FormatQuote />, s.blockquote, () => c().toggleBlockquote().run())}
      {advanced && (
        <>
          <Sep />
          {dir('rtl')}
          {dir('ltr')}
        </>
      )}
      <Sep />
      <LinkButton editor={editor} s={s} />
      {advanced && <ImageButton editor={editor} onProblem={onProblem} />}
      {advanced && <TableMenu editor={editor} s={s} />}
      {mark('inlineCode', <Code />, s.code, () => c().toggleCode().run())}
      {mark('codeBlock', <DataObject />, s.codeBlock, () => c().toggleCodeBlock().run())}
      {advanced && mark('rule', <HorizontalRule />, undefined, () => c().setHorizontalRule().run())}
      <Sep />
      <ToolButton
        name="undo"
        label={t('editor.undo')}
        icon={<Undo />}
        disabled={!s.canUndo}
        onClick={() => c().undo().run()}
      />
      <ToolButton
        name="redo"
        label={t('editor.redo')}
        icon={<Redo />}
        disabled={!s.canRedo}
        onClick={() => c().redo().run()}
      />
    </Stack>
  );
}
