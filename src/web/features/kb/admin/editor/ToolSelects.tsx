import type { Editor } from '@tiptap/react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../../ui/format';
import { FONT_FAMILIES, FONT_SIZES, type FontFamily } from './fonts';
import { ToolMenuSelect } from './ToolMenuSelect';
import type { BlockType, ToolbarState } from './toolbarState';

const BLOCKS: BlockType[] = ['p', 'h2', 'h3', 'h4'];

/** Paragraph or a heading level (the article's title is its h1, so headings start at 2). */
export function BlockSelect({ editor, s }: { editor: Editor; s: ToolbarState }) {
  const { t } = useTranslation();
  return (
    <ToolMenuSelect
      name="block"
      label={t('editor.blockType')}
      value={s.block}
      shown={t(`editor.block_${s.block}`)}
      width={112}
      options={BLOCKS.map((b) => ({
        value: b,
        label: t(`editor.block_${b}`),
        sx: b === 'p' ? undefined : { typography: b === 'h2' ? 'h6' : 'subtitle1', fontWeight: 600 },
      }))}
      onPick={(v) => {
        const chain = editor.chain().focus();
        if (v === 'p') chain.setParagraph().run();
        else chain.setHeading({ level: Number(v.slice(1)) as 2 | 3 | 4 }).run();
      }}
    />
  );
}

export function FontFamilySelect({ editor, s }: { editor: Editor; s: ToolbarState }) {
  const { t } = useTranslation();
  return (
    <ToolMenuSelect
      name="font"
      label={t('editor.fontFamily')}
      value={s.fontFamily}
      shown={s.fontFamily ? t(`editor.font_${s.fontFamily}`) : t('editor.fontFamily')}
      width={112}
      options={[
        { value: '', label: t('editor.fontDefault') },
        ...FONT_FAMILIES.map((f) => ({ value: f, label: t(`editor.font_${f}`), sx: { fontFamily: f } })),
      ]}
      onPick={(v) =>
        editor
          .chain()
          .focus()
          .setFontFamily((v || null) as FontFamily | null)
          .run()
      }
    />
  );
}

export function FontSizeSelect({ editor, s }: { editor: Editor; s: ToolbarState }) {
  const { t } = useTranslation();
  const f = useFormat();
  const sizes: string[] = FONT_SIZES.map(String);
  // A size the menu does not offer (from an older article) still shows as chosen.
  if (s.fontSize && !sizes.includes(s.fontSize)) sizes.push(s.fontSize);
  return (
    <ToolMenuSelect
      name="size"
      label={t('editor.fontSize')}
      value={s.fontSize}
      shown={s.fontSize ? f.number(Number(s.fontSize)) : t('editor.sizeDefault')}
      width={76}
      options={[
        { value: '', label: t('editor.fontDefault') },
        ...sizes.map((px) => ({ value: px, label: t('editor.sizePx', { size: f.number(Number(px)) }) })),
      ]}
      onPick={(v) =>
        editor
          .chain()
          .focus()
          .setFontSize(v ? Number(v) : null)
          .run()
      }
    />
  );
}
