import { Node, mergeAttributes } from '@tiptap/core';

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    kbImage: {
      /** Inserts an image (uploaded through POST /kb/images) where the cursor is. */
      insertImage: (attrs: { src: string; alt?: string }) => ReturnType;
    };
  }
}

/**
 * An image as its own block: `<img src alt>` (the packaged @tiptap/extension-image is not
 * installed). Only http(s) and same-site addresses are read from HTML.
 */
export const Image = Node.create({
  name: 'image',
  group: 'block',
  atom: true,
  draggable: true,
  addAttributes() {
    return {
      src: { default: null },
      alt: { default: null },
      title: { default: null },
    };
  },
  parseHTML() {
    return [
      {
        tag: 'img[src]',
        getAttrs: (el) => (/^(https?:\/\/|\/(?!\/))/i.test(el.getAttribute('src') ?? '') ? null : false),
      },
    ];
  },
  renderHTML({ HTMLAttributes }) {
    return ['img', mergeAttributes(HTMLAttributes)];
  },
  addCommands() {
    return {
      insertImage:
        (attrs) =>
        ({ commands }) =>
          // A line follows it, with the cursor: typing goes on after the picture, not over it.
          commands.insertContent([{ type: this.name, attrs }, { type: 'paragraph' }]),
    };
  },
});
