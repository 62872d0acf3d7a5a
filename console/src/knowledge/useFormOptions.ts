import { useMemo } from 'react';
import { useLocaleState } from 'react-admin';
import { useLabels } from '../labels/useLabels';
import { useApi } from './api';
import type { FormOptions } from './types';

/** Dishes (named in the console's language) and finding codes, as choices for the inputs. */
export function useFormOptions() {
  const [locale] = useLocaleState();
  const labels = useLabels();
  const { data } = useApi<FormOptions>('/principles/form-options');
  return useMemo(
    () => ({
      dishChoices: (data?.dishes ?? []).map((d) => ({ id: d.slug, name: locale === 'en' ? d.name.en : d.name.ja })),
      findingChoices: (data?.findings ?? []).map((code) => ({ id: code, name: labels.finding(code) })),
      dishName: (slug: string) => {
        const dish = data?.dishes.find((d) => d.slug === slug);
        return dish ? (locale === 'en' ? dish.name.en : dish.name.ja) : slug;
      },
    }),
    [data, locale, labels],
  );
}
