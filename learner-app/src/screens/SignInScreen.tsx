import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import VisibilityIcon from '@mui/icons-material/Visibility';
import VisibilityOffIcon from '@mui/icons-material/VisibilityOff';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthContext';
import type { AuthNotice } from '../auth/AuthContext';
import { isApiError } from '../api/client';
import { errorMessage, errorRequestId } from '../api/errorMessage';
import { AppColumn } from '../components/PageLayout';
import { AppLogo } from '../components/AppLogo';
import { LanguageSwitcher } from '../components/LanguageSwitcher';
import { OfflineBanner } from '../components/OfflineBanner';

// Clerk's UI is only downloaded by servers that sign in with Clerk.
const ClerkSignInPanel = lazy(() => import('../auth/ClerkSignInPanel'));

const NOTICE_TEXT = { sessionExpired: 'signIn.sessionExpired', signedOut: 'signIn.signedOut', notAccepted: 'signIn.notAccepted' } as const;

export function SignInScreen({ notice }: { notice?: AuthNotice }) {
  const { t } = useTranslation();
  const { signIn, mode } = useAuth();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [showPassword, setShowPassword] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [missing, setMissing] = useState<{ email?: boolean; password?: boolean }>({});
  const [showNotice, setShowNotice] = useState(Boolean(notice));
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (submitting) return;
    setShowNotice(false);
    const trimmedEmail = email.trim();
    const nextMissing = { email: !trimmedEmail, password: !password };
    setMissing(nextMissing);
    if (nextMissing.email || nextMissing.password) {
      setError(undefined);
      (nextMissing.email ? emailRef : passwordRef).current?.focus();
      return;
    }
    setSubmitting(true);
    setError(undefined);
    try {
      await signIn(trimmedEmail, password);
      // AuthProvider switches the app to the signed-in screens; this component unmounts.
    } catch (err) {
      setError(err);
      setSubmitting(false);
    }
  };

  // Wrong credentials: select the password so it can be retyped (after the inputs re-enable).
  useEffect(() => {
    if (isApiError(error) && error.status === 401) passwordRef.current?.select();
  }, [error]);

  const requestId = errorRequestId(error);
  const noticeAlert =
    showNotice && notice ? (
      <Alert severity={notice === 'signedOut' ? 'success' : 'warning'} data-testid="signin-notice">
        {t(NOTICE_TEXT[notice])}
      </Alert>
    ) : null;

  return (
    <AppColumn>
      <Box sx={{ pt: 'env(safe-area-inset-top)' }}>
        <OfflineBanner />
        <Box sx={{ display: 'flex', justifyContent: 'flex-end', px: 1, pt: 1 }}>
          <LanguageSwitcher color="primary" />
        </Box>
      </Box>
      <Box
        component="main"
        sx={{
          flexGrow: 1,
          display: 'flex',
          flexDirection: 'column',
          justifyContent: 'center',
          px: 3,
          pb: 'calc(32px + env(safe-area-inset-bottom))',
        }}
      >
        <Stack spacing={1.5} sx={{ alignItems: 'center', textAlign: 'center', mb: 4 }}>
          <AppLogo size={72} />
          <Typography variant="h4" component="p" sx={{ fontWeight: 800 }}>
            {t('app.name')}
          </Typography>
          <Typography color="text.secondary">{t('app.tagline')}</Typography>
        </Stack>

        {mode === 'clerk' ? (
          <Stack spacing={2.5}>
            {noticeAlert}
            <Suspense fallback={<CircularProgress sx={{ alignSelf: 'center' }} aria-label={t('signIn.submitting')} />}>
              <ClerkSignInPanel />
            </Suspense>
          </Stack>
        ) : (
          <Box component="form" noValidate onSubmit={(e) => void onSubmit(e)} aria-labelledby="sign-in-title">
            <Stack spacing={2.5}>
              <Box>
                <Typography id="sign-in-title" variant="h5" component="h1" sx={{ fontWeight: 700 }}>
                  {t('signIn.title')}
                </Typography>
                <Typography variant="body2" color="text.secondary">
                  {t('signIn.subtitle')}
                </Typography>
              </Box>

              {noticeAlert}

              {error !== undefined ? (
                <Alert severity="error" role="alert" data-testid="signin-error">
                  <Box component="span" sx={{ display: 'block', fontWeight: 600 }}>
                    {errorMessage(error, t)}
                  </Box>
                  {requestId ? (
                    <Box component="span" sx={{ display: 'block', fontSize: '0.75rem', opacity: 0.8, mt: 0.5 }}>
                      {t('errors.requestId', { id: requestId })}
                    </Box>
                  ) : null}
                </Alert>
              ) : null}

              <TextField
                inputRef={emailRef}
                name="email"
                type="email"
                label={t('signIn.email')}
                value={email}
                onChange={(e) => {
                  setEmail(e.target.value);
                  if (missing.email) setMissing((m) => ({ ...m, email: false }));
                }}
                autoComplete="username"
                required
                error={Boolean(missing.email)}
                helperText={missing.email ? t('signIn.emailRequired') : undefined}
                disabled={submitting}
                slotProps={{
                  htmlInput: { inputMode: 'email', autoCapitalize: 'none', autoCorrect: 'off', spellCheck: false },
                }}
              />
              <TextField
                inputRef={passwordRef}
                name="password"
                type={showPassword ? 'text' : 'password'}
                label={t('signIn.password')}
                value={password}
                onChange={(e) => {
                  setPassword(e.target.value);
                  if (missing.password) setMissing((m) => ({ ...m, password: false }));
                }}
                autoComplete="current-password"
                required
                error={Boolean(missing.password)}
                helperText={missing.password ? t('signIn.passwordRequired') : undefined}
                disabled={submitting}
                slotProps={{
                  htmlInput: { autoCapitalize: 'none', autoCorrect: 'off', spellCheck: false },
                  input: {
                    endAdornment: (
                      <InputAdornment position="end">
                        <IconButton
                          edge="end"
                          onClick={() => setShowPassword((v) => !v)}
                          aria-label={showPassword ? t('signIn.hidePassword') : t('signIn.showPassword')}
                          aria-pressed={showPassword}
                        >
                          {showPassword ? <VisibilityOffIcon /> : <VisibilityIcon />}
                        </IconButton>
                      </InputAdornment>
                    ),
                  },
                }}
              />
              <Button
                type="submit"
                variant="contained"
                size="large"
                fullWidth
                disabled={submitting}
                startIcon={submitting ? <CircularProgress size={20} color="inherit" aria-hidden /> : undefined}
                data-testid="sign-in-submit"
              >
                {submitting ? t('signIn.submitting') : t('signIn.submit')}
              </Button>
            </Stack>
          </Box>
        )}
      </Box>
    </AppColumn>
  );
}
