import { Box, Paper, Stack, Typography } from '@mui/material';
import { useWatch } from 'react-hook-form';
import {
  ArrayInput,
  BooleanInput,
  SelectArrayInput,
  SelectInput,
  SimpleForm,
  SimpleFormIterator,
  SaveButton,
  Toolbar,
  TextInput,
  maxLength,
  regex,
  required,
  useTranslate,
  type SimpleFormProps,
} from 'react-admin';
import { MarkdownPreview } from './MarkdownPreview';
import { SENSES, type Bilingual, type Principle, type Sense } from './types';
import { useFormOptions } from './useFormOptions';

const senseChoices = SENSES.map((sense) => ({ id: sense, name: `ajimi.knowledge.senses.${sense}` }));
const L = (field: string) => `ajimi.knowledge.fields.${field}`;

/** A {ja, en} field: Japanese and English side by side. */
const BilingualInput = ({ source, label, optional = false, multiline = true }: { source: string; label: string; optional?: boolean; multiline?: boolean }) => {
  const translate = useTranslate();
  return (
    <Box sx={{ width: '100%' }}>
      <Typography variant="subtitle2" sx={{ mt: 1 }}>
        {translate(label)}
      </Typography>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
        {(['ja', 'en'] as const).map((lang) => (
          <TextInput
            key={lang}
            source={`${source}.${lang}`}
            label={L(lang)}
            multiline={multiline}
            validate={optional ? [maxLength(2000)] : [required(), maxLength(2000)]}
            sx={{ flex: 1 }}
          />
        ))}
      </Stack>
    </Box>
  );
};

const MarkdownEditor = () => {
  const translate = useTranslate();
  const body = useWatch({ name: 'body_md' }) as string | undefined;
  return (
    <Stack direction={{ xs: 'column', lg: 'row' }} spacing={2} sx={{ width: '100%' }}>
      <TextInput source="body_md" label={L('body_md')} multiline minRows={14} helperText="ajimi.knowledge.helpers.body" validate={maxLength(20_000)} sx={{ flex: 1 }} />
      {/* A scrolling region: focusable, so it scrolls from the keyboard too. */}
      <Paper variant="outlined" sx={{ flex: 1, p: 2, mt: 1, maxHeight: 560, overflow: 'auto' }} tabIndex={0} role="region" aria-label={translate('ajimi.knowledge.preview')}>
        <Typography variant="overline" color="text.secondary">
          {translate('ajimi.knowledge.preview')}
        </Typography>
        <MarkdownPreview source={body ?? ''} emptyText={translate('ajimi.knowledge.preview_empty')} />
      </Paper>
    </Stack>
  );
};

/** The editor shared by create and edit: structured fields first, then the Markdown body. */
export const PrincipleForm = ({ variant, defaultValues, record }: { variant: 'create' | 'edit'; defaultValues?: SimpleFormProps['defaultValues']; record?: Partial<Principle> }) => {
  const translate = useTranslate();
  const { dishChoices, findingChoices } = useFormOptions();
  return (
    // Save only: principles are unpublished, never deleted (their versions and the audit trail stay).
    <SimpleForm
      defaultValues={defaultValues}
      record={record}
      toolbar={
        <Toolbar>
          <SaveButton label={variant === 'edit' ? 'ajimi.knowledge.save_draft' : undefined} />
        </Toolbar>
      }
      sx={{ maxWidth: 1200 }}
    >
      {variant === 'create' ? (
        <TextInput source="slug" label={L('slug')} validate={[required(), regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'ajimi.knowledge.helpers.slug'), maxLength(80)]} helperText="ajimi.knowledge.helpers.slug" />
      ) : (
        <TextInput source="slug" label={L('slug')} readOnly />
      )}
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ width: '100%' }}>
        <TextInput source="title_ja" label={L('title_ja')} validate={[required(), maxLength(200)]} sx={{ flex: 1 }} />
        <TextInput source="title_en" label={L('title_en')} validate={[required(), maxLength(200)]} sx={{ flex: 1 }} />
      </Stack>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ width: '100%' }}>
        <SelectArrayInput source="dishes" label={L('dishes')} choices={dishChoices} translateChoice={false} validate={required()} sx={{ flex: 1 }} />
        <SelectArrayInput source="addresses" label={L('addresses')} choices={findingChoices} translateChoice={false} sx={{ flex: 1 }} />
      </Stack>
      <BooleanInput source="is_core" label={L('is_core')} />
      <BilingualInput source="skill" label={L('skill')} />
      <ArrayInput source="symptoms" label={L('symptoms')} validate={required()}>
        <SimpleFormIterator inline disableReordering>
          <TextInput source="ja" label={L('ja')} validate={required()} sx={{ minWidth: 260 }} />
          <TextInput source="en" label={L('en')} validate={required()} sx={{ minWidth: 260 }} />
          <SelectInput source="sense" label={L('sense')} choices={senseChoices} validate={required()} />
        </SimpleFormIterator>
      </ArrayInput>
      <BilingualInput source="why" label={L('why')} />
      <BilingualInput source="next_action" label={L('next_action')} />
      <Typography variant="subtitle1" sx={{ mt: 2 }}>
        {translate(L('success_signs'))}
      </Typography>
      {SENSES.map((sense) => (
        <BilingualInput key={sense} source={`success_signs.${sense}`} label={`ajimi.knowledge.senses.${sense}`} optional multiline={false} />
      ))}
      <MarkdownEditor />
      {variant === 'create' && <BooleanInput source="published" label={L('published')} helperText="ajimi.knowledge.helpers.published" />}
      <Typography variant="body2" color="text.secondary">
        {translate(variant === 'edit' ? 'ajimi.knowledge.helpers.saving_draft' : 'ajimi.knowledge.helpers.saving_reembeds')}
      </Typography>
    </SimpleForm>
  );
};

const trimmed = (b: Bilingual | undefined): Bilingual => ({ ja: (b?.ja ?? '').trim(), en: (b?.en ?? '').trim() });

/** Exactly the API's content fields: success signs left empty are dropped, text trimmed. */
export function toPrincipleContent(data: Partial<Principle>) {
  const signs: Partial<Record<Sense, Bilingual>> = {};
  for (const sense of SENSES) {
    const sign = trimmed(data.success_signs?.[sense]);
    if (sign.ja && sign.en) signs[sense] = sign;
  }
  return {
    title_ja: (data.title_ja ?? '').trim(),
    title_en: (data.title_en ?? '').trim(),
    dishes: data.dishes ?? [],
    is_core: Boolean(data.is_core),
    skill: trimmed(data.skill),
    symptoms: (data.symptoms ?? []).map((s) => ({ ...trimmed(s), sense: s.sense })),
    why: trimmed(data.why),
    next_action: trimmed(data.next_action),
    success_signs: signs,
    addresses: data.addresses ?? [],
    body_md: data.body_md ?? '',
  };
}
