import { useEditorState, type Editor } from '@tiptap/react';
import { isInTable } from './extensions/table';
import { blockDirectionAt } from './extensions/blockDirection';

export type BlockType = 'p' | 'h2' | 'h3' | 'h4';

/** What the toolbar shows as on, re-read on every change of the editor. */
export function useToolbarState(editor: Editor) {
  return useEditorState({
    editor,
    selector: ({ editor: e }) => {
      const style = e.getAttributes('textStyle') as { fontFamily?: string | null; fontSize?: number | null };
      const block: BlockType = e.isActive('heading', { level: 2 })
        ? 'h2'
        : e.isActive('heading', { level: 3 })
          ? 'h3'
          : e.isActive('heading', { level: 4 })
            ? 'h4'
            : 'p';
      return {
        block,
        bold: e.isActive('bold'),
        italic: e.isActive('italic'),
        underline: e.isActive('underline'),
        strike: e.isActive('strike'),
        code: e.isActive('code'),
        codeBlock: e.isActive('codeBlock'),
        bulletList: e.isActive('bulletList'),
        orderedList: e.isActive('orderedList'),
        blockquote: e.isActive('blockquote'),
        link: e.isActive('link'),
        fontFamily: style.fontFamily ?? '',
        fontSize: style.fontSize ? String(style.fontSize) : '',
        dir: blockDirectionAt(e.state),
        inTable: isInTable(e.state),
        canUndo: e.can().undo(),
        canRedo: e.can().redo(),
      };
    },
  });
}

export type ToolbarState = ReturnType<typeof useToolbarState>;
