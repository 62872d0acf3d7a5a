import { ClerkFailed, ClerkProvider, useAuth, useClerk } from '@clerk/react';
import { enUS, jaJP } from '@clerk/localizations';
import { Alert, Box } from '@mui/material';
import { useEffect, useState, type ReactNode } from 'react';
import { i18nProvider } from '../i18n';
import { setConsoleClerk } from './clerkSession';

/** Mounts the console once ClerkJS has loaded, so authProvider can ask it for the session. */
function WhenClerkLoaded({ children, loading }: { children: ReactNode; loading: ReactNode }) {
  const clerk = useClerk();
  const { isLoaded } = useAuth();
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (!isLoaded) return;
    setConsoleClerk(clerk);
    setReady(true);
    return () => setConsoleClerk(undefined);
  }, [clerk, isLoaded]);
  return <>{ready ? children : loading}</>;
}

/**
 * The console inside Clerk's provider (https://clerk.com/docs/react/getting-started/quickstart).
 * ClerkJS keeps the session token in the `__session` cookie on this origin, which the API reads.
 */
export default function ClerkGate({ publishableKey, loading, children }: { publishableKey: string; loading: ReactNode; children: ReactNode }) {
  return (
    <ClerkProvider publishableKey={publishableKey} localization={i18nProvider.getLocale() === 'en' ? enUS : jaJP}>
      <ClerkFailed>
        <Box sx={{ p: 4, display: 'flex', justifyContent: 'center' }}>
          <Alert severity="error" role="alert">
            {i18nProvider.translate('ajimi.auth.clerk_unavailable')}
          </Alert>
        </Box>
      </ClerkFailed>
      <WhenClerkLoaded loading={loading}>{children}</WhenClerkLoaded>
    </ClerkProvider>
  );
}
