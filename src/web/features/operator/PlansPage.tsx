import { useState } from 'react';
import { Chip, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../app/api';
import type { TPlan } from '../../../contracts/cloud';
import { useFormat } from '../../ui/format';
import { EmptyState, QueryView } from '../../ui/states';
import { UserText } from '../../ui/UserText';
import { AdminPage } from '../admin/AdminPage';
import { CrudTable, type Column } from '../admin/CrudTable';
import { Notice, useNotice } from '../admin/Notice';
import { PlanDialog } from './PlanDialog';
import { LIMIT_NAMES } from './plan-form';

/** The plans workspaces choose from: limits, prices per months, the one trial plan; never deleted, made inactive. */
export default function PlansPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const n = useNotice();
  const [editing, setEditing] = useState<TPlan | 'new' | null>(null);
  const plans = useQuery({ queryKey: ['operator', 'plans'], queryFn: () => call('listOperatorPlans') });

  const columns: Column<TPlan>[] = [
    {
      key: 'name',
      header: t('operator.plans.name'),
      render: (p) => (
        <Stack sx={{ alignItems: 'flex-start' }}>
          <Typography variant="body2" sx={{ fontWeight: 500 }}>
            <UserText>{p.name}</UserText>
          </Typography>
          {p.nameEn && (
            <Typography variant="caption" color="text.secondary" dir="ltr">
              {p.nameEn}
            </Typography>
          )}
        </Stack>
      ),
    },
    {
      key: 'limits',
      header: t('operator.plans.limits'),
      render: (p) => (
        <Typography variant="body2" component="div" sx={{ whiteSpace: 'nowrap' }}>
          {LIMIT_NAMES.map((l) => (
            <div key={l}>
              {p.limits[l] === null
                ? t(`billing.plans.unlimited.${l}`)
                : t(`billing.plans.upTo.${l}`, { count: p.limits[l], n: f.number(p.limits[l]) })}
            </div>
          ))}
        </Typography>
      ),
    },
    {
      key: 'prices',
      header: t('operator.plans.prices'),
      render: (p) =>
        p.prices.length === 0 ? (
          t('operator.plans.noPrices')
        ) : (
          <Typography variant="body2" component="div" sx={{ whiteSpace: 'nowrap' }}>
            {p.prices.map((x) => (
              <div key={x.months}>
                {t('operator.plans.priceLine', {
                  months: t('billing.plans.months', { count: x.months, n: f.number(x.months) }),
                  amount: t('credit.toman', { n: f.number(x.amount) }),
                })}
              </div>
            ))}
          </Typography>
        ),
    },
    {
      key: 'state',
      header: t('admin.common.state'),
      render: (p) => (
        <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 0.5 }}>
          <Chip
            size="small"
            variant="outlined"
            color={p.active ? 'success' : 'default'}
            label={p.active ? t('admin.common.active') : t('admin.common.inactive')}
          />
          {p.trial && (
            <Chip
              size="small"
              color="info"
              label={t('operator.plans.trialDaysChip', { n: f.number(p.trialDays), count: p.trialDays })}
            />
          )}
        </Stack>
      ),
    },
    { key: 'position', header: t('admin.common.position'), render: (p) => f.number(p.position) },
  ];

  return (
    <AdminPage
      title={t('operator.plans.title')}
      intro={t('operator.plans.intro')}
      createLabel={t('operator.plans.new')}
      onCreate={() => setEditing('new')}
    >
      <QueryView query={plans} rows={4}>
        {(items) =>
          items.length === 0 ? (
            <EmptyState title={t('operator.plans.empty')} />
          ) : (
            <CrudTable
              rows={items}
              columns={columns}
              getId={(p) => p.id}
              rowName={(p) => p.name}
              caption={t('operator.plans.title')}
              onEdit={setEditing}
            />
          )
        }
      </QueryView>
      {editing && (
        <PlanDialog
          plan={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => n.ok(t('admin.common.savedNotice'))}
        />
      )}
      <Notice notice={n.notice} onClose={n.clear} />
    </AdminPage>
  );
}
