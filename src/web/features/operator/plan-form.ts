import type { TPlan, TPlanInput } from '../../../contracts/cloud';

/** The plan form as typed: numbers as Latin-digit text ('' when empty), each limit with its "unlimited" switch. */
export interface PlanForm {
  name: string;
  nameEn: string;
  limits: Record<LimitName, { unlimited: boolean; value: string }>;
  prices: { months: string; amount: string }[];
  trial: boolean;
  trialDays: string;
  active: boolean;
  position: string;
}

export const LIMIT_NAMES = ['agents', 'customers', 'departments'] as const;
export type LimitName = (typeof LIMIT_NAMES)[number];

export function formOf(plan: TPlan | null): PlanForm {
  const limit = (v: number | null | undefined) => ({ unlimited: v === null, value: v == null ? '' : String(v) });
  return {
    name: plan?.name ?? '',
    nameEn: plan?.nameEn ?? '',
    limits: {
      agents: plan ? limit(plan.limits.agents) : { unlimited: false, value: '3' },
      customers: plan ? limit(plan.limits.customers) : { unlimited: true, value: '' },
      departments: plan ? limit(plan.limits.departments) : { unlimited: false, value: '2' },
    },
    prices: plan
      ? plan.prices.map((p) => ({ months: String(p.months), amount: String(p.amount) }))
      : [{ months: '1', amount: '' }],
    trial: plan?.trial ?? false,
    trialDays: String(plan?.trialDays ?? 14),
    active: plan?.active ?? true,
    position: String(plan?.position ?? 0),
  };
}

/** What the form sends: an empty number is sent as 0 (the server says what is wrong with it). */
export function bodyOf(form: PlanForm): TPlanInput {
  const num = (s: string) => (s.trim() === '' ? 0 : Number(s));
  return {
    name: form.name.trim(),
    nameEn: form.nameEn.trim(),
    limits: {
      agents: form.limits.agents.unlimited ? null : num(form.limits.agents.value),
      customers: form.limits.customers.unlimited ? null : num(form.limits.customers.value),
      departments: form.limits.departments.unlimited ? null : num(form.limits.departments.value),
    },
    prices: form.prices.map((p) => ({ months: num(p.months), amount: num(p.amount) })),
    trial: form.trial,
    trialDays: num(form.trialDays),
    active: form.active,
    position: num(form.position),
  };
}
