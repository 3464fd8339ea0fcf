import { Mark, getMarkAttributes, mergeAttributes, type CommandProps } from '@tiptap/core';
import { readFontFamily, readFontSize, type FontFamily } from '../fonts';

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    kbTextStyle: {
      /** Sets the font family of the selection (null: back to the article's font). */
      setFontFamily: (family: FontFamily | null) => ReturnType;
      /** Sets the font size of the selection in pixels (null: back to the default size). */
      setFontSize: (px: number | null) => ReturnType;
    };
  }
}

/**
 * Font family and size as one `<span style="font-family: X; font-size: Npx">` mark (the packaged
 * @tiptap/extension-text-style is not installed). Only the offered fonts and whole-pixel sizes are
 * read from HTML, so pasted styles do not leak in; a span with neither is not this mark.
 */
export const TextStyle = Mark.create({
  name: 'textStyle',
  priority: 101,
  addAttributes() {
    return {
      fontFamily: {
        default: null,
        parseHTML: (el) => readFontFamily(el.style.fontFamily),
        renderHTML: (a) => (a.fontFamily ? { style: `font-family: ${a.fontFamily as string}` } : {}),
      },
      fontSize: {
        default: null,
        parseHTML: (el) => readFontSize(el.style.fontSize),
        renderHTML: (a) => (a.fontSize ? { style: `font-size: ${a.fontSize as number}px` } : {}),
      },
    };
  },
  parseHTML() {
    return [
      {
        tag: 'span[style]',
        getAttrs: (el) => (readFontFamily(el.style.fontFamily) || readFontSize(el.style.fontSize) ? null : false),
      },
    ];
  },
  renderHTML({ HTMLAttributes }) {
    return ['span', mergeAttributes(HTMLAttributes), 0];
  },
  addCommands() {
    const set =
      (attrs: Record<string, unknown>) =>
      ({ state, tr, dispatch }: CommandProps) => {
        const type = this.type;
        const merged = { ...getMarkAttributes(state, type), ...attrs };
        const empty = !merged.fontFamily && !merged.fontSize;
        if (!dispatch) return true;
        const { from, to, empty: collapsed } = tr.selection;
        if (collapsed) {
          // Typing goes on in the new style.
          if (empty) tr.removeStoredMark(type);
          else tr.addStoredMark(type.create(merged));
          return true;
        }
        // Each run keeps its other attribute (a size over text of two fonts keeps both fonts).
        state.doc.nodesBetween(from, to, (node, pos) => {
          if (!node.isText) return;
          const start = Math.max(pos, from);
          const end = Math.min(pos + node.nodeSize, to);
          const own = node.marks.find((m) => m.type === type)?.attrs ?? {};
          const next = { ...own, ...attrs };
          tr.removeMark(start, end, type);
          if (next.fontFamily || next.fontSize) tr.addMark(start, end, type.create(next));
        });
        return true;
      };
    return {
      setFontFamily: (family) => set({ fontFamily: family }),
      setFontSize: (px) => set({ fontSize: px }),
    };
  },
});
