import { useState } from 'react';
import { Button } from '@mui/material';
import MenuBook from '@mui/icons-material/MenuBook';
import { useTranslation } from 'react-i18next';
import { InsertArticleDialog, type PickedArticle } from './InsertArticleDialog';

/** "Insert article link" beside the reply editor: a search of the knowledge base, then a link in the text. */
export function InsertArticleButton({
  forCustomer,
  onInsert,
}: {
  forCustomer: boolean;
  onInsert: (a: PickedArticle) => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        size="small"
        startIcon={<MenuBook />}
        onClick={() => setOpen(true)}
        data-testid="insert-article"
        sx={{ mb: 1 }}
      >
        {t('kbLink.button')}
      </Button>
      {open && (
        <InsertArticleDialog
          forCustomer={forCustomer}
          onClose={() => setOpen(false)}
          onPick={(a) => {
            setOpen(false);
            onInsert(a);
          }}
        />
      )}
    </>
  );
}
