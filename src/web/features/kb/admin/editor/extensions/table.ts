import { Extension, Node, mergeAttributes } from '@tiptap/core';
import type { Node as PMNode, Schema } from '@tiptap/pm/model';
import { TextSelection } from '@tiptap/pm/state';
import {
  addColumnAfter,
  addColumnBefore,
  addRowAfter,
  addRowBefore,
  deleteColumn,
  deleteRow,
  deleteTable,
  goToNextCell,
  isInTable,
  tableEditing,
  toggleHeaderRow,
} from '@tiptap/pm/tables';

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    kbTable: {
      insertTable: (size?: { rows?: number; cols?: number; withHeaderRow?: boolean }) => ReturnType;
      addRowBefore: () => ReturnType;
      addRowAfter: () => ReturnType;
      deleteRow: () => ReturnType;
      addColumnBefore: () => ReturnType;
      addColumnAfter: () => ReturnType;
      deleteColumn: () => ReturnType;
      toggleHeaderRow: () => ReturnType;
      deleteTable: () => ReturnType;
    };
  }
}

/** The role prosemirror-tables reads from each node's spec. */
const ROLES: Record<string, string> = {
  table: 'table',
  tableRow: 'row',
  tableCell: 'cell',
  tableHeader: 'header_cell',
};

const span = (name: 'colspan' | 'rowspan') => ({
  default: 1,
  parseHTML: (el: HTMLElement) => Math.max(1, Math.min(100, Number(el.getAttribute(name)) || 1)),
  renderHTML: (a: Record<string, unknown>) => (a[name] === 1 ? {} : { [name]: a[name] }),
});
const cellAttributes = () => ({
  colspan: span('colspan'),
  rowspan: span('rowspan'),
  // prosemirror-tables keeps column widths here when columns are resized; they are not.
  colwidth: { default: null, rendered: false },
});

const TableRoles = Extension.create({
  name: 'tableRoles',
  extendNodeSchema(extension) {
    return ROLES[extension.name] ? { tableRole: ROLES[extension.name] } : {};
  },
});

const TableCell = Node.create({
  name: 'tableCell',
  content: 'block+',
  isolating: true,
  addAttributes: cellAttributes,
  parseHTML: () => [{ tag: 'td' }],
  renderHTML: ({ HTMLAttributes }) => ['td', mergeAttributes(HTMLAttributes), 0],
});

const TableHeader = Node.create({
  name: 'tableHeader',
  content: 'block+',
  isolating: true,
  addAttributes: cellAttributes,
  parseHTML: () => [{ tag: 'th' }],
  renderHTML: ({ HTMLAttributes }) => ['th', mergeAttributes(HTMLAttributes), 0],
});

const TableRow = Node.create({
  name: 'tableRow',
  content: '(tableCell | tableHeader)*',
  parseHTML: () => [{ tag: 'tr' }],
  renderHTML: ({ HTMLAttributes }) => ['tr', mergeAttributes(HTMLAttributes), 0],
});

function createTable(schema: Schema, rows: number, cols: number, withHeaderRow: boolean): PMNode {
  const { tableCell, tableHeader, tableRow, table } = schema.nodes;
  const row = (header: boolean) =>
    tableRow.create(
      null,
      Array.from({ length: cols }, () => (header ? tableHeader : tableCell).createAndFill()!),
    );
  return table.create(
    null,
    Array.from({ length: rows }, (_, i) => row(withHeaderRow && i === 0)),
  );
}

/**
 * Tables for articles: `<table><tbody><tr><th|td [colspan] [rowspan]><p>…` (the packaged
 * @tiptap/extension-table is not installed; this is the same over prosemirror-tables, without
 * column resizing). Tab moves to the next cell.
 */
const TableNode = Node.create({
  name: 'table',
  group: 'block',
  content: 'tableRow+',
  isolating: true,
  parseHTML: () => [{ tag: 'table' }],
  renderHTML: ({ HTMLAttributes }) => ['table', mergeAttributes(HTMLAttributes), ['tbody', 0]],
  addCommands() {
    return {
      insertTable:
        ({ rows = 3, cols = 3, withHeaderRow = true } = {}) =>
        ({ tr, dispatch, editor }) => {
          if (dispatch) {
            const table = createTable(editor.schema, rows, cols, withHeaderRow);
            const { $from, empty } = tr.selection;
            if (empty && $from.depth > 0 && $from.parent.isTextblock && $from.parent.content.size === 0) {
              // On an empty line the table takes its place (no empty line is left above it).
              const at = $from.before();
              tr.replaceWith(at, $from.after(), table);
              tr.setSelection(TextSelection.near(tr.doc.resolve(at + 1)));
            } else {
              const offset = tr.selection.from + 1;
              tr.replaceSelectionWith(table);
              tr.setSelection(TextSelection.near(tr.doc.resolve(offset)));
            }
            tr.scrollIntoView();
          }
          return true;
        },
      addRowBefore:
        () =>
        ({ state, dispatch }) =>
          addRowBefore(state, dispatch),
      addRowAfter:
        () =>
        ({ state, dispatch }) =>
          addRowAfter(state, dispatch),
      deleteRow:
        () =>
        ({ state, dispatch }) =>
          deleteRow(state, dispatch),
      addColumnBefore:
        () =>
        ({ state, dispatch }) =>
          addColumnBefore(state, dispatch),
      addColumnAfter:
        () =>
        ({ state, dispatch }) =>
          addColumnAfter(state, dispatch),
      deleteColumn:
        () =>
        ({ state, dispatch }) =>
          deleteColumn(state, dispatch),
      toggleHeaderRow:
        () =>
        ({ state, dispatch }) =>
          toggleHeaderRow(state, dispatch),
      deleteTable:
        () =>
        ({ state, dispatch }) =>
          deleteTable(state, dispatch),
    };
  },
  addKeyboardShortcuts() {
    return {
      Tab: () => isInTable(this.editor.state) && goToNextCell(1)(this.editor.state, this.editor.view.dispatch),
      'Shift-Tab': () => isInTable(this.editor.state) && goToNextCell(-1)(this.editor.state, this.editor.view.dispatch),
    };
  },
  addProseMirrorPlugins() {
    return [tableEditing()];
  },
});

export const TableExtensions = [TableRoles, TableNode, TableRow, TableHeader, TableCell];
export { isInTable };
