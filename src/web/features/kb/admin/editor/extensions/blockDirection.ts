import { Extension, type CommandProps } from '@tiptap/core';
import { readDir } from '../fonts';

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    kbBlockDirection: {
      /**
       * Sets the writing direction of the paragraphs and headings in the selection (and of the
       * list they are in, so its bullets follow); null takes it off (the article's direction).
       */
      setBlockDirection: (dir: 'rtl' | 'ltr' | null) => ReturnType;
    };
  }
}

/** The blocks that carry their own `dir`. */
export const TEXT_BLOCKS = ['paragraph', 'heading'];
const LISTS = ['bulletList', 'orderedList'];

/**
 * RTL/LTR per block: a `dir` attribute on paragraphs, headings and lists (there is no packaged
 * extension for it). A Persian article can hold an English command line, and the other way round.
 */
export const BlockDirection = Extension.create({
  name: 'blockDirection',
  addGlobalAttributes() {
    return [
      {
        types: [...TEXT_BLOCKS, ...LISTS],
        attributes: {
          dir: {
            default: null,
            parseHTML: (el) => readDir(el.getAttribute('dir')),
            renderHTML: (a) => (a.dir ? { dir: a.dir as string } : {}),
          },
        },
      },
    ];
  },
  addCommands() {
    return {
      setBlockDirection:
        (dir) =>
        ({ tr, dispatch }: CommandProps) => {
          const { from, to, $from } = tr.selection;
          const targets: number[] = [];
          tr.doc.nodesBetween(from, to, (node, pos) => {
            if (TEXT_BLOCKS.includes(node.type.name)) targets.push(pos);
          });
          for (let d = $from.depth; d > 0; d--) {
            if (LISTS.includes($from.node(d).type.name)) {
              targets.push($from.before(d));
              break;
            }
          }
          if (!targets.length) return false;
          if (dispatch)
            for (const pos of targets) {
              const node = tr.doc.nodeAt(pos);
              if (node) tr.setNodeMarkup(pos, undefined, { ...node.attrs, dir });
            }
          return true;
        },
    };
  },
});

/** The direction set on the block around the cursor, if any. */
export function blockDirectionAt(state: CommandProps['state']): 'rtl' | 'ltr' | null {
  const { $from } = state.selection;
  for (let d = $from.depth; d > 0; d--) {
    const node = $from.node(d);
    if (TEXT_BLOCKS.includes(node.type.name)) return readDir(node.attrs.dir as string | null);
  }
  return null;
}
