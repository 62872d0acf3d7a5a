import { Alert, Box, Button, CircularProgress } from '@mui/material';
import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { authConfigSchema, type AuthConfig } from '@ajimi/core/domain/auth-config';
import { i18nProvider } from '../i18n';

const ClerkGate = lazy(() => import('./ClerkGate'));

const Centered = ({ children }: { children: ReactNode }) => (
  <Box sx={{ minHeight: '100vh', display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center', gap: 2, p: 2 }}>
    {children}
  </Box>
);

async function fetchAuthConfig(): Promise<AuthConfig> {
  const response = await fetch('/api/auth/config', { headers: { Accept: 'application/json' }, credentials: 'include' });
  if (!response.ok) throw new Error(`auth config: ${response.status}`);
  return authConfigSchema.parse(await response.json());
}

/**
 * Asks the server how staff sign in (GET /api/auth/config) before the console mounts: with Clerk,
 * the console runs inside Clerk's provider (ClerkGate); otherwise as it always has, with passwords.
 */
export function AuthModeGate({ children }: { children: ReactNode }) {
  const [config, setConfig] = useState<AuthConfig | undefined>(undefined);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let active = true;
    setFailed(false);
    fetchAuthConfig().then(
      (value) => active && setConfig(value),
      () => active && setFailed(true),
    );
    return () => {
      active = false;
    };
  }, [attempt]);

  const translate = (key: string) => i18nProvider.translate(key);
  if (failed) {
    return (
      <Centered>
        <Alert severity="error" role="alert">
          {translate('ajimi.auth.network_error')}
        </Alert>
        <Button variant="contained" onClick={() => setAttempt((n) => n + 1)}>
          {translate('ra.action.refresh')}
        </Button>
      </Centered>
    );
  }
  const loading = (
    <Centered>
      <CircularProgress aria-label={translate('ra.page.loading')} />
    </Centered>
  );
  if (!config) return loading;
  if (config.mode === 'password') return <>{children}</>;
  return (
    <Suspense fallback={loading}>
      <ClerkGate publishableKey={config.publishableKey} loading={loading}>
        {children}
      </ClerkGate>
    </Suspense>
  );
}
