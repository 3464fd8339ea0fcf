import StarterKit from '@tiptap/starter-kit';
import type { Extensions } from '@tiptap/core';
import { BlockDirection } from './blockDirection';
import { Image } from './image';
import { TableExtensions } from './table';
import { TextStyle } from './textStyle';

/** Everything the article editor knows; its HTML is what the server's article sanitiser keeps. */
export function articleExtensions(): Extensions {
  return [
    StarterKit.configure({
      heading: { levels: [2, 3, 4] },
      link: { openOnClick: false, autolink: true, defaultProtocol: 'https' },
    }),
    TextStyle,
    BlockDirection,
    Image,
    ...TableExtensions,
  ];
}
