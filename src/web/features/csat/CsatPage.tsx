import { useEffect, useRef, useState } from 'react';
import { Alert, Box, Button, Paper, Stack, TextField, Typography } from '@mui/material';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, call } from '../../app/api';
import { FormError } from '../../ui/form';
import { useFormat } from '../../ui/format';
import { EmptyState, ErrorState, Loading } from '../../ui/states';
import { isolate } from '../../ui/UserText';
import { presetRating, RATING_COLOUR, RATINGS, RatingFace } from './faces';

const COMMENT_MAX = 2000;

/**
 * K5: the satisfaction survey behind the link a requester gets after the ticket closes — signed
 * out, phone first. Five large buttons; the mail's one-click link (`?rating=N`) records its
 * rating as the page opens, then a thank-you with an optional comment box.
 */
export default function CsatPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const token = useParams().token ?? '';
  const [params, setParams] = useSearchParams();
  const preset = presetRating(params.get('rating'));
  const key = ['csat', token];
  const survey = useQuery({
    queryKey: key,
    queryFn: () => call('getCsatSurvey', { path: { token } }),
    retry: false,
  });
  const rate = useMutation({
    mutationFn: (rating: number) => call('answerCsatSurvey', { path: { token }, body: { rating } }),
    onSuccess: (data) => qc.setQueryData(key, data),
  });
  const [comment, setComment] = useState('');
  const saveComment = useMutation({
    mutationFn: (input: { rating: number; comment: string }) =>
      call('answerCsatSurvey', { path: { token }, body: input }),
    onSuccess: (data) => qc.setQueryData(key, data),
  });

  // The one-click link: the rating it carries is sent once, as soon as the page opens.
  const sent = useRef(false);
  useEffect(() => {
    if (preset === null || sent.current || !survey.data) return;
    sent.current = true;
    rate.mutate(preset, {
      // A refresh of the page should not send it again.
      onSettled: () => setParams({}, { replace: true }),
    });
  }, [preset, survey.data, rate, setParams]);

  const error = survey.error;
  if (error instanceof ApiError && (error.status === 404 || error.status === 410))
    return (
      <Box sx={{ maxWidth: 560, mx: 'auto' }}>
        <Typography variant="h5" component="h1" sx={{ mb: 2 }}>
          {t(error.status === 404 ? 'csat.notFoundTitle' : 'csat.expiredTitle')}
        </Typography>
        <EmptyState title={error.message} hint={t('csat.contactHint')} />
      </Box>
    );
  if (survey.isPending || (preset !== null && !survey.data?.answered && !rate.isError))
    return <Loading label={preset !== null ? t('csat.recording') : undefined} />;
  if (survey.isError) return <ErrorState error={survey.error} onRetry={() => void survey.refetch()} />;
  const s = survey.data;
  const label = (r: number) => t(`csat.rating.${r}`);

  return (
    <Box sx={{ maxWidth: 560, mx: 'auto' }}>
      <Typography variant="body2" color="text.secondary" data-testid="csat-ticket" data-value={s.ticketNumber}>
        {t('csat.ticket', { n: f.digits(s.ticketNumber) })}
      </Typography>
      <Typography variant="h6" component="p" dir="auto" sx={{ overflowWrap: 'anywhere', mb: 2 }}>
        {s.subject}
      </Typography>
      <Paper variant="outlined" sx={{ p: { xs: 2, sm: 3 } }}>
        {s.answered && s.rating !== null ? (
          <Stack spacing={2} data-testid="csat-thanks">
            <Typography variant="h5" component="h1">
              {t('csat.thanksTitle')}
            </Typography>
            <FormError error={rate.error} />
            <Stack direction="row" spacing={1.5} alignItems="center" data-testid="csat-answer" data-rating={s.rating}>
              <RatingFace rating={s.rating} sx={{ fontSize: 48 }} />
              <Typography>{t('csat.yourRating', { label: label(s.rating), n: f.digits(s.rating) })}</Typography>
            </Stack>
            <Box
              component="form"
              noValidate
              onSubmit={(e) => {
                e.preventDefault();
                if (comment.trim() && !saveComment.isPending)
                  saveComment.mutate({ rating: s.rating!, comment: comment.trim() });
              }}
            >
              <Stack spacing={1.5}>
                <TextField
                  multiline
                  minRows={3}
                  fullWidth
                  label={t('csat.commentLabel')}
                  value={comment}
                  onChange={(e) => setComment(e.target.value.slice(0, COMMENT_MAX))}
                  helperText={t('csat.commentHint', { n: f.digits(COMMENT_MAX - comment.length) })}
                  slotProps={{ htmlInput: { dir: 'auto', maxLength: COMMENT_MAX, 'data-testid': 'csat-comment' } }}
                />
                <FormError error={saveComment.error} />
                {saveComment.isSuccess && (
                  <Alert severity="success" data-testid="csat-comment-saved">
                    {t('csat.commentSaved')}
                  </Alert>
                )}
                <Box>
                  <Button
                    type="submit"
                    variant="contained"
                    disabled={!comment.trim() || saveComment.isPending}
                    data-testid="csat-comment-send"
                  >
                    {t('csat.commentSend')}
                  </Button>
                </Box>
              </Stack>
            </Box>
          </Stack>
        ) : (
          <Stack spacing={2}>
            <Typography variant="h5" component="h1">
              {t('csat.question')}
            </Typography>
            <Typography color="text.secondary">{t('csat.intro', { name: isolate(s.workspace.name) })}</Typography>
            <FormError error={rate.error} />
            <Box
              role="group"
              aria-label={t('csat.question')}
              sx={{
                display: 'grid',
                gap: 1.5,
                gridTemplateColumns: { xs: '1fr', sm: 'repeat(5, 1fr)' },
              }}
            >
              {RATINGS.map((r) => (
                <Button
                  key={r}
                  variant="outlined"
                  disabled={rate.isPending}
                  onClick={() => rate.mutate(r)}
                  data-testid={`csat-rate-${r}`}
                  sx={{
                    minHeight: { xs: 64, sm: 120 },
                    borderWidth: 2,
                    borderColor: RATING_COLOUR[r],
                    color: RATING_COLOUR[r],
                    display: 'flex',
                    flexDirection: { xs: 'row', sm: 'column' },
                    justifyContent: { xs: 'flex-start', sm: 'center' },
                    gap: 1.5,
                    fontSize: '1rem',
                    '&:hover': { borderWidth: 2, borderColor: RATING_COLOUR[r] },
                  }}
                >
                  <RatingFace rating={r} sx={{ fontSize: 44 }} />
                  <span>{label(r)}</span>
                </Button>
              ))}
            </Box>
          </Stack>
        )}
      </Paper>
    </Box>
  );
}
