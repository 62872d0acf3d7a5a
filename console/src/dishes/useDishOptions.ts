import type { DishFormOptions } from '@ajimi/core/contracts/dishes';
import { useMemo } from 'react';
import { useLocaleState } from 'react-admin';
import { useApi } from '../knowledge/api';
import { useLabels } from '../labels/useLabels';

/** Principles (for the core principle; the dish's own listed first) and findings, named in the console's language. */
export function useDishOptions(dishSlug: string | undefined) {
  const [locale] = useLocaleState();
  const labels = useLabels();
  const { data } = useApi<DishFormOptions>('/dishes/form-options');
  return useMemo(() => {
    const principles = [...(data?.principles ?? [])].sort((a, b) => Number(dishSlug !== undefined && b.dishes.includes(dishSlug)) - Number(dishSlug !== undefined && a.dishes.includes(dishSlug)));
    return {
      principleChoices: principles.map((p) => ({ id: p.slug, name: `${locale === 'en' ? p.title.en : p.title.ja} (${p.slug})` })),
      findingChoices: (data?.findings ?? []).map((code) => ({ id: code, name: labels.finding(code) })),
    };
  }, [data, locale, labels, dishSlug]);
}
