import { Stack, Typography } from '@mui/material';
import type { DishRecord } from '@ajimi/core/contracts/dishes';
import {
  BooleanInput,
  NumberInput,
  SaveButton,
  SelectArrayInput,
  SelectInput,
  SimpleForm,
  TextInput,
  Toolbar,
  maxLength,
  maxValue,
  minValue,
  regex,
  required,
  useTranslate,
  type SimpleFormProps,
} from 'react-admin';
import { useDishOptions } from './useDishOptions';

const L = (field: string) => `ajimi.dishes.fields.${field}`;
const motionChoices = ['constant', 'intermittent', 'still'].map((m) => ({ id: m, name: `ajimi.dishes.motion.${m}` }));
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const rangeValid = (_: unknown, values: { rubric?: { expectedSeconds?: [number, number] } }) => {
  const [min, max] = values.rubric?.expectedSeconds ?? [];
  return min !== undefined && max !== undefined && min >= max ? 'ajimi.dishes.helpers.range' : undefined;
};

/** The dish editor shared by create and edit: names, then the rubric the analyzer measures against. */
export const DishForm = ({ variant, defaultValues, slug }: { variant: 'create' | 'edit'; defaultValues?: SimpleFormProps['defaultValues']; slug?: string }) => {
  const translate = useTranslate();
  const { principleChoices, findingChoices } = useDishOptions(slug);
  return (
    <SimpleForm
      defaultValues={defaultValues}
      toolbar={
        <Toolbar>
          <SaveButton label={variant === 'edit' ? 'ajimi.dishes.save' : undefined} />
        </Toolbar>
      }
      sx={{ maxWidth: 900 }}
    >
      {variant === 'create' ? (
        <TextInput source="slug" label={L('slug')} validate={[required(), regex(SLUG, 'ajimi.dishes.helpers.slug'), maxLength(80)]} helperText="ajimi.dishes.helpers.slug" />
      ) : (
        <TextInput source="slug" label={L('slug')} readOnly />
      )}
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ width: '100%' }}>
        <TextInput source="name_ja" label={L('name_ja')} validate={[required(), maxLength(80)]} sx={{ flex: 1 }} />
        <TextInput source="name_en" label={L('name_en')} validate={[required(), maxLength(80)]} sx={{ flex: 1 }} />
      </Stack>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ width: '100%' }}>
        <NumberInput source="rubric.expectedSeconds.0" label={L('expected_min')} validate={[required(), minValue(1), maxValue(7200), rangeValid]} sx={{ flex: 1 }} />
        <NumberInput source="rubric.expectedSeconds.1" label={L('expected_max')} validate={[required(), minValue(1), maxValue(7200)]} sx={{ flex: 1 }} />
      </Stack>
      <SelectInput source="rubric.motion" label={L('motion')} choices={motionChoices} validate={required()} />
      <BooleanInput source="rubric.sizzleExpected" label={L('sizzle')} />
      <SelectInput
        source="rubric.corePrinciple"
        label={L('core_principle')}
        choices={principleChoices}
        translateChoice={false}
        validate={required()}
        helperText={variant === 'create' ? 'ajimi.dishes.helpers.core_new' : false}
      />
      <SelectArrayInput source="rubric.watchFor" label={L('watch_for')} choices={findingChoices} translateChoice={false} validate={required()} />
      <Typography variant="body2" color="text.secondary">
        {translate('ajimi.dishes.helpers.saving')}
      </Typography>
    </SimpleForm>
  );
};

/** Exactly the API's fields: names trimmed, numbers as integers. */
export function toDishContent(data: Partial<DishRecord>) {
  const rubric = data.rubric;
  return {
    name_ja: (data.name_ja ?? '').trim(),
    name_en: (data.name_en ?? '').trim(),
    rubric: {
      expectedSeconds: [Math.round(Number(rubric?.expectedSeconds?.[0] ?? 0)), Math.round(Number(rubric?.expectedSeconds?.[1] ?? 0))] as [number, number],
      motion: rubric?.motion ?? 'constant',
      sizzleExpected: Boolean(rubric?.sizzleExpected),
      corePrinciple: rubric?.corePrinciple ?? '',
      watchFor: rubric?.watchFor ?? [],
    },
  };
}
