import { useEffect, useId, useRef, useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Dialog,
  FormControlLabel,
  FormHelperText,
  FormLabel,
  Stack,
  Switch,
  Tooltip,
  Typography,
} from '@mui/material';
import Fullscreen from '@mui/icons-material/Fullscreen';
import FullscreenExit from '@mui/icons-material/FullscreenExit';
import { EditorContent, useEditor, type Editor } from '@tiptap/react';
import { useTranslation } from 'react-i18next';
import type { ArticleBodyEditorProps } from './ArticleBodyEditor';
import { articleContentSx } from './contentSx';
import { EditorToolbar } from './EditorToolbar';
import { articleExtensions } from './extensions';

const ADVANCED_KEY = 'pishkhan.kb.advanced-editor';

function readAdvanced(): boolean {
  try {
    return localStorage.getItem(ADVANCED_KEY) === '1';
  } catch {
    return false;
  }
}

function rememberAdvanced(on: boolean) {
  try {
    localStorage.setItem(ADVANCED_KEY, on ? '1' : '0');
  } catch {
    // Storage unavailable: the switch holds for this page only.
  }
}

const htmlOf = (e: Editor) => (e.isEmpty ? '' : e.getHTML());

/** Ctrl+Shift+F (⌘⇧F on a Mac) by the key's place, so a Persian keyboard layout works too. */
const isFullScreenKey = (e: KeyboardEvent) => (e.ctrlKey || e.metaKey) && e.shiftKey && !e.altKey && e.code === 'KeyF';

/**
 * TipTap for articles. The editing surface moves between the page and a full-screen dialog (the
 * "advanced mode" of seed 001: Ctrl+Shift+F or the button enters it, Esc or the same keys leave)
 * without losing the cursor or the undo history: it is one editor shown in one place at a time.
 */
export default function ArticleTiptap({
  value,
  onChange,
  label,
  dir,
  error,
  helperText,
  readOnly,
  onNormalised,
}: ArticleBodyEditorProps) {
  const { t } = useTranslation();
  const labelId = useId();
  const fullTitleId = useId();
  const [advanced, setAdvanced] = useState(readAdvanced);
  const [full, setFull] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const changed = useRef(onChange);
  changed.current = onChange;
  const normalised = useRef(onNormalised);
  normalised.current = onNormalised;

  const attributes = {
    role: 'textbox',
    'aria-multiline': 'true',
    'aria-label': label,
    dir,
    ...(readOnly ? { 'aria-readonly': 'true' } : {}),
    ...(error ? { 'aria-invalid': 'true' } : {}),
    'data-testid': 'kb-body',
  };
  const editor = useEditor({
    extensions: articleExtensions(),
    content: value,
    editable: !readOnly,
    editorProps: { attributes },
    onCreate: ({ editor: e }) => normalised.current?.(htmlOf(e)),
    onUpdate: ({ editor: e }) => changed.current(htmlOf(e)),
  });

  // Follow outside changes (the article loaded, a save's answer) without fighting the cursor.
  // useEditor may hand out an instance it has already destroyed (see ui/rich-editor/TiptapEditor).
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    if (value !== htmlOf(editor)) editor.commands.setContent(value || '', { emitUpdate: false });
  }, [value, editor]);
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    editor.setEditable(!readOnly, false);
    editor.setOptions({ editorProps: { attributes } });
    // `attributes` is rebuilt from these.
  }, [editor, dir, label, error, readOnly]);

  useEffect(() => {
    if (readOnly) return;
    const onKey = (e: KeyboardEvent) => {
      if (!isFullScreenKey(e)) return;
      e.preventDefault();
      setFull((f) => !f);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [readOnly]);

  // The editing surface has just moved (into the dialog or back): the cursor goes with it.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const id = setTimeout(() => editor && !editor.isDestroyed && editor.commands.focus());
    return () => clearTimeout(id);
  }, [full, editor]);

  if (!editor) return null;

  const problemAlert = problem && (
    <Alert severity="error" role="alert" onClose={() => setProblem(null)} sx={{ borderRadius: 0 }}>
      {problem}
    </Alert>
  );

  if (readOnly)
    return (
      <Box sx={articleContentSx()}>
        <EditorContent editor={editor} />
      </Box>
    );

  return (
    <div>
      <Stack direction="row" sx={{ alignItems: 'center', flexWrap: 'wrap', columnGap: 1, mb: 0.5 }}>
        <FormLabel component="div" id={labelId} error={error} sx={{ flexGrow: 1 }}>
          {label}
        </FormLabel>
        <FormControlLabel
          control={
            <Switch
              size="small"
              checked={advanced}
              onChange={(e) => {
                setAdvanced(e.target.checked);
                rememberAdvanced(e.target.checked);
              }}
              slotProps={{ input: { 'data-testid': 'kb-advanced' } as object }}
            />
          }
          label={t('editor.advanced')}
        />
        <Tooltip title={t('editor.fullScreenShortcut')}>
          <Button
            size="small"
            startIcon={<Fullscreen />}
            onClick={() => setFull(true)}
            aria-keyshortcuts="Control+Shift+F"
            aria-haspopup="dialog"
            data-testid="kb-fullscreen"
          >
            {t('editor.fullScreen')}
          </Button>
        </Tooltip>
      </Stack>
      <Box
        sx={{
          border: 1,
          borderColor: error ? 'error.main' : 'divider',
          borderRadius: 1,
          bgcolor: 'background.paper',
          '&:focus-within': { borderColor: error ? 'error.main' : 'primary.main', boxShadow: 1 },
        }}
      >
        {!full && (
          <Box sx={{ position: 'sticky', top: { xs: 56, sm: 64 }, zIndex: 2, borderRadius: '4px 4px 0 0' }}>
            <EditorToolbar editor={editor} advanced={advanced} onProblem={setProblem} />
            {problemAlert}
          </Box>
        )}
        <Box sx={{ px: { xs: 1.5, sm: 2 }, py: 1.5, ...articleContentSx(320) }}>
          {full ? (
            <Typography color="text.secondary" sx={{ minHeight: 320, display: 'grid', placeItems: 'center' }}>
              {t('editor.inFullScreen')}
            </Typography>
          ) : (
            <EditorContent editor={editor} />
          )}
        </Box>
      </Box>
      {helperText && <FormHelperText error={error}>{helperText}</FormHelperText>}

      <Dialog
        open={full}
        fullScreen
        onClose={() => setFull(false)}
        disableAutoFocus
        aria-labelledby={fullTitleId}
        data-testid="kb-fullscreen-dialog"
      >
        <Stack
          direction="row"
          sx={{ alignItems: 'center', gap: 1, px: 2, py: 1, borderBottom: 1, borderColor: 'divider', flexWrap: 'wrap' }}
        >
          <Typography id={fullTitleId} variant="h6" component="h2" sx={{ flexGrow: 1 }}>
            {label}
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ display: { xs: 'none', sm: 'block' } }}>
            {t('editor.fullScreenLeaveHint')}
          </Typography>
          <Button
            startIcon={<FullscreenExit />}
            onClick={() => setFull(false)}
            aria-keyshortcuts="Escape Control+Shift+F"
            data-testid="kb-fullscreen-exit"
          >
            {t('editor.fullScreenExit')}
          </Button>
        </Stack>
        <EditorToolbar editor={editor} advanced onProblem={setProblem} />
        {problemAlert}
        <Box sx={{ flex: 1, overflowY: 'auto', bgcolor: 'action.hover', p: { xs: 0, sm: 2 } }}>
          <Box
            sx={{
              maxWidth: 960,
              mx: 'auto',
              px: { xs: 2, sm: 4 },
              py: 3,
              bgcolor: 'background.paper',
              boxShadow: { sm: 1 },
              borderRadius: { sm: 1 },
              minHeight: '100%',
              ...articleContentSx('60vh'),
            }}
          >
            {full && <EditorContent editor={editor} />}
          </Box>
        </Box>
        {error && helperText && (
          <FormHelperText error sx={{ px: 2, pb: 1 }}>
            {helperText}
          </FormHelperText>
        )}
      </Dialog>
    </div>
  );
}
