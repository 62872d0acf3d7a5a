import { useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import CheckIcon from '@mui/icons-material/Check';
import { useTranslation } from 'react-i18next';
import { saveProfile } from '../api/endpoints';
import { errorMessage } from '../api/errorMessage';
import type { Dish, Profile } from '../api/types';
import { AppLogo } from '../components/AppLogo';
import { ErrorState } from '../components/ErrorState';
import { LoadingState } from '../components/LoadingState';
import type { ResourceState } from '../hooks/useResource';
import { changeLanguage, currentLanguage, type Language } from '../i18n';
import { bilingual } from '../sessions/sessionStatus';

/**
 * First run (and later, the profile): the name the coach uses, the language coaching is written
 * in (also the app's), and the dishes the cook is working on.
 */
export function FirstRunScreen({
  profile,
  dishes,
  onSaved,
  editing = false,
}: {
  profile: Profile;
  dishes: ResourceState<Dish[]>;
  onSaved: (profile: Profile) => void;
  editing?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const [name, setName] = useState(profile.name);
  const [language, setLanguage] = useState<Language>(profile.onboarded ? profile.locale : currentLanguage());
  const [selected, setSelected] = useState<string[]>(profile.dishes.map((d) => d.slug));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [missingName, setMissingName] = useState(false);
  const [saved, setSaved] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setMissingName(true);
      return;
    }
    setSaving(true);
    setError(undefined);
    setSaved(false);
    try {
      const next = await saveProfile({ name: name.trim(), locale: language, dishSlugs: selected });
      await changeLanguage(language);
      setSaved(true);
      onSaved(next);
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  const toggle = (slug: string) => setSelected((s) => (s.includes(slug) ? s.filter((x) => x !== slug) : [...s, slug]));

  return (
    <Box component="form" onSubmit={(e) => void submit(e)} sx={{ p: 3 }} data-testid="first-run" noValidate>
      <Stack spacing={3}>
        {!editing ? (
          <Stack spacing={1} sx={{ alignItems: 'center', textAlign: 'center' }}>
            <AppLogo size={56} />
            <Typography variant="h5" component="h1" sx={{ fontWeight: 800 }}>
              {t('firstRun.title')}
            </Typography>
            <Typography color="text.secondary">{t('firstRun.intro')}</Typography>
          </Stack>
        ) : null}
        <TextField
          name="name"
          label={t('firstRun.name')}
          value={name}
          onChange={(e) => {
            setName(e.target.value.slice(0, 80));
            setMissingName(false);
          }}
          error={missingName}
          helperText={missingName ? t('firstRun.nameRequired') : undefined}
          autoComplete="nickname"
          required
        />
        <Box>
          <Typography variant="subtitle2" sx={{ mb: 1 }} id="language-label">
            {t('firstRun.language')}
          </Typography>
          <ToggleButtonGroup
            exclusive
            value={language}
            onChange={(_e, v: Language | null) => {
              if (v) {
                setLanguage(v);
                void i18n.changeLanguage(v);
              }
            }}
            aria-labelledby="language-label"
          >
            <ToggleButton value="ja" lang="ja" data-testid="locale-ja" sx={{ px: 3 }}>
              日本語
            </ToggleButton>
            <ToggleButton value="en" lang="en" data-testid="locale-en" sx={{ px: 3 }}>
              English
            </ToggleButton>
          </ToggleButtonGroup>
        </Box>
        <Box>
          <Typography variant="subtitle2">{t('firstRun.dishes')}</Typography>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            {t('firstRun.dishesHint')}
          </Typography>
          {dishes.data === undefined ? (
            dishes.error !== undefined && !dishes.loading ? (
              <ErrorState error={dishes.error} onRetry={dishes.reload} />
            ) : (
              <LoadingState />
            )
          ) : (
            <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1 }} role="group" aria-label={t('firstRun.dishes')}>
              {dishes.data.map((d) => {
                const on = selected.includes(d.slug);
                return (
                  <Chip
                    key={d.slug}
                    label={bilingual(d.name, language)}
                    color={on ? 'primary' : 'default'}
                    variant={on ? 'filled' : 'outlined'}
                    icon={on ? <CheckIcon /> : undefined}
                    onClick={() => toggle(d.slug)}
                    aria-pressed={on}
                    data-testid={`dish-chip-${d.slug}`}
                    sx={{ height: 40, fontSize: '0.95rem' }}
                  />
                );
              })}
            </Box>
          )}
        </Box>
        {error !== undefined ? (
          <Alert severity="error" role="alert">
            {errorMessage(error, t)}
          </Alert>
        ) : null}
        {saved && editing ? <Alert severity="success">{t('firstRun.saved')}</Alert> : null}
        <Button
          type="submit"
          variant="contained"
          size="large"
          disabled={saving}
          startIcon={saving ? <CircularProgress size={20} color="inherit" aria-hidden /> : undefined}
          data-testid="first-run-save"
        >
          {saving ? t('firstRun.saving') : editing ? t('firstRun.saveEdit') : t('firstRun.save')}
        </Button>
      </Stack>
    </Box>
  );
}
