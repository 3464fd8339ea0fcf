import { useEffect, useImperativeHandle, useRef } from 'react';
import type { Node as PmNode } from '@tiptap/pm/model';
import type { EditorView } from '@tiptap/pm/view';
import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { Box, IconButton, Stack, Tooltip } from '@mui/material';
import FormatBold from '@mui/icons-material/FormatBold';
import FormatItalic from '@mui/icons-material/FormatItalic';
import FormatListBulleted from '@mui/icons-material/FormatListBulleted';
import FormatListNumbered from '@mui/icons-material/FormatListNumbered';
import FormatQuote from '@mui/icons-material/FormatQuote';
import Code from '@mui/icons-material/Code';
import Undo from '@mui/icons-material/Undo';
import Redo from '@mui/icons-material/Redo';
import { useTranslation } from 'react-i18next';
import type { RichEditorProps } from '../RichEditor';

/** TipTap with a small toolbar. Loaded lazily: ProseMirror is the heaviest part of the app. */
export default function TiptapEditor({
  value,
  onChange,
  label,
  dir = 'auto',
  error,
  minHeight = 160,
  autoFocus,
  id,
  handleRef,
  onSlash,
}: RichEditorProps) {
  const { t } = useTranslation();
  // "/" at the start of a word: where it went, for the picker that replaces it (canned responses).
  const onSlashRef = useRef(onSlash);
  onSlashRef.current = onSlash;
  const slashAt = useRef<number | null>(null);
  // A "/" key seen in keydown: where it will go if it starts a word (else null). Keyboards that
  // send keydown (every desktop one) are decided here, once the "/" is in the document; how the
  // browser's edit then reaches ProseMirror (as text input or as a wider DOM change) no longer
  // matters. Virtual keyboards send no "/" key and are decided in handleTextInput.
  const slashKey = useRef<{ at: number | null } | null>(null);
  const startsWord = (view: EditorView, pos: number) =>
    view.state.doc.resolve(pos).parentOffset === 0 || /\s/.test(view.state.doc.textBetween(pos - 1, pos));
  const opened = (at: number) => {
    slashAt.current = at;
    const notify = onSlashRef.current;
    if (notify) setTimeout(notify, 0); // after the "/" is in the text
  };
  const handleKeyDown = (view: EditorView, event: KeyboardEvent) => {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || view.composing) return false;
    if (!onSlashRef.current) return false;
    const { from } = view.state.selection;
    slashKey.current = { at: startsWord(view, from) ? from : null };
    return false;
  };
  const afterSlashKey = (doc: PmNode) => {
    const key = slashKey.current;
    slashKey.current = null;
    if (key?.at == null || key.at + 1 > doc.content.size) return;
    if (doc.textBetween(key.at, key.at + 1) === '/') opened(key.at);
  };
  const handleTextInput = (view: EditorView, from: number, _to: number, text: string) => {
    if (!text.endsWith('/') || !onSlashRef.current || slashKey.current) return false;
    // The browser may report the "/" with the space before it (a trailing no-break space it
    // turns into a plain one): the character before the "/" is then in `text`.
    const at = from + text.length - 1;
    if (!(text.length > 1 ? /\s/.test(text[text.length - 2]) : startsWord(view, from))) return false;
    opened(at);
    return false;
  };
  const editor = useEditor({
    extensions: [StarterKit.configure({ heading: { levels: [2, 3] }, link: { openOnClick: false, autolink: true } })],
    content: value,
    autofocus: autoFocus ? 'end' : false,
    editorProps: {
      attributes: {
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-label': label,
        dir,
        ...(id ? { id } : {}),
        ...(error ? { 'aria-invalid': 'true' } : {}),
      },
      handleTextInput,
      handleKeyDown,
    },
    onUpdate: ({ editor: e }) => {
      onChange(e.isEmpty ? '' : e.getHTML());
      afterSlashKey(e.state.doc);
    },
  });
  // Follow outside resets (the form cleared after sending) without fighting the cursor while typing.
  // useEditor may hand out an instance it has already destroyed (it recreates the editor after the
  // first mount); reading such an instance throws, and the next render brings the live one.
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    const current = editor.isEmpty ? '' : editor.getHTML();
    if (value !== current) editor.commands.setContent(value || '', { emitUpdate: false });
  }, [value, editor]);
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    editor.setOptions({
      editorProps: {
        attributes: {
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-label': label,
          dir,
          ...(id ? { id } : {}),
          ...(error ? { 'aria-invalid': 'true' } : {}),
        },
        handleTextInput,
        handleKeyDown,
      },
    });
    // handleTextInput reads only refs: it need not follow renders.
  }, [editor, dir, label, error, id]);
  useImperativeHandle(
    handleRef,
    () => ({
      focus: () => {
        if (editor && !editor.isDestroyed) editor.commands.focus();
      },
      insertHtml: (html, opts) => {
        if (!editor || editor.isDestroyed) return;
        const at = slashAt.current;
        slashAt.current = null;
        const { doc, selection } = editor.state;
        // The "/" and whatever was typed after it before the picker took the keyboard.
        const end = Math.max(selection.from, (at ?? 0) + 1);
        const typed = opts?.replaceSlash && at !== null && end <= doc.content.size ? doc.textBetween(at, end) : '';
        if (/^\/[\p{L}\p{N}_-]*$/u.test(typed)) {
          editor.chain().focus().deleteRange({ from: at!, to: end }).insertContentAt(at!, html).run();
        } else editor.chain().focus().insertContent(html).run();
      },
    }),
    [editor],
  );

  const tools = [
    {
      key: 'bold',
      icon: <FormatBold />,
      run: () => editor?.chain().focus().toggleBold().run(),
      active: editor?.isActive('bold'),
    },
    {
      key: 'italic',
      icon: <FormatItalic />,
      run: () => editor?.chain().focus().toggleItalic().run(),
      active: editor?.isActive('italic'),
    },
    {
      key: 'bulletList',
      icon: <FormatListBulleted />,
      run: () => editor?.chain().focus().toggleBulletList().run(),
      active: editor?.isActive('bulletList'),
    },
    {
      key: 'orderedList',
      icon: <FormatListNumbered />,
      run: () => editor?.chain().focus().toggleOrderedList().run(),
      active: editor?.isActive('orderedList'),
    },
    {
      key: 'quote',
      icon: <FormatQuote />,
      run: () => editor?.chain().focus().toggleBlockquote().run(),
      active: editor?.isActive('blockquote'),
    },
    {
      key: 'code',
      icon: <Code />,
      run: () => editor?.chain().focus().toggleCodeBlock().run(),
      active: editor?.isActive('codeBlock'),
    },
    { key: 'undo', icon: <Undo />, run: () => editor?.chain().focus().undo().run() },
    { key: 'redo', icon: <Redo />, run: () => editor?.chain().focus().redo().run() },
  ];
  return (
    <Box
      sx={{
        border: 1,
        borderColor: error ? 'error.main' : 'divider',
        borderRadius: 1,
        bgcolor: 'background.paper',
        '&:focus-within': { borderColor: error ? 'error.main' : 'primary.main', boxShadow: 1 },
      }}
    >
      <Stack
        direction="row"
        role="toolbar"
        aria-label={t('editor.toolbar')}
        sx={{ borderBottom: 1, borderColor: 'divider', px: 0.5, flexWrap: 'wrap' }}
      >
        {tools.map((tool) => (
          <Tooltip key={tool.key} title={t(`editor.${tool.key}`)}>
            <IconButton
              size="small"
              aria-label={t(`editor.${tool.key}`)}
              aria-pressed={tool.active ?? undefined}
              color={tool.active ? 'primary' : 'default'}
              onClick={tool.run}
              onMouseDown={(e) => e.preventDefault()}
            >
              {tool.icon}
            </IconButton>
          </Tooltip>
        ))}
      </Stack>
      <Box
        sx={{
          px: 1.5,
          py: 1,
          '& .ProseMirror': { minHeight, outline: 'none', lineHeight: 1.8 },
          '& .ProseMirror p': { my: 0.5 },
        }}
      >
        <EditorContent editor={editor} />
      </Box>
    </Box>
  );
}
