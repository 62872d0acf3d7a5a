import { Alert, Box, Button, CircularProgress, Typography } from '@mui/material';
import { lazy, Suspense, useEffect, useState } from 'react';
import { LocalesMenuButton, Login, LoginForm, useTranslate } from 'react-admin';
import { consoleClerk, consoleSignOut } from './auth/clerkSession';
import { AUTH_ERRORS, forgetSessionUser, getSessionUser } from './authProvider';
import { isStaffRole } from './roles';

// Clerk's UI is only downloaded by servers that sign in with Clerk.
const ClerkLoginPanel = lazy(() => import('./auth/ClerkLoginPanel'));

/**
 * With Clerk, a cook's Clerk session is shared with the learner app on this origin: Clerk's form
 * would send them straight back here, so they are offered to sign out first (this ends their
 * learner-app session too, which the button says).
 */
const ClerkSignIn = ({ learnerSession }: { learnerSession: boolean }) => {
  const translate = useTranslate();
  if (learnerSession) {
    return (
      <Box sx={{ display: 'flex', justifyContent: 'center', p: 2 }}>
        <Button
          variant="outlined"
          onClick={() => {
            const clerk = consoleClerk();
            if (!clerk) return;
            forgetSessionUser();
            void consoleSignOut(clerk);
          }}
        >
          {translate('ajimi.auth.switch_account')}
        </Button>
      </Box>
    );
  }
  return (
    <Suspense fallback={<CircularProgress sx={{ display: 'block', mx: 'auto', my: 2 }} />}>
      <ClerkLoginPanel />
    </Suspense>
  );
};

/**
 * Says so when the browser holds a cook's session (from the learner app on the same origin):
 * the console sent them here, and signing in with a staff account is the way in.
 */
const useLearnerSession = (): boolean => {
  const [learner, setLearner] = useState(false);
  useEffect(() => {
    let active = true;
    getSessionUser()
      .then(user => {
        if (active) setLearner(user !== null && !isStaffRole(user.role));
      })
      .catch(() => undefined);
    return () => {
      active = false;
    };
  }, []);
  return learner;
};

/**
 * react-admin's login page and form (or Clerk's sign-in, when the server uses Clerk) (inputs name="username" and name="password"), with the
 * console's name and a language switcher so English speakers can switch before signing in.
 * Errors from the authProvider (the API's message, or a translated ajimi.auth.* key) are shown
 * by LoginForm's notification.
 */
export const LoginPage = () => {
  const translate = useTranslate();
  const learnerSession = useLearnerSession();
  return (
    <Login>
      <Box sx={{ textAlign: 'center', px: 2 }}>
        <Typography variant="h6" component="h1">
          {translate('ajimi.app_title')}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {translate('ajimi.login.subtitle')}
        </Typography>
      </Box>
      {learnerSession && (
        <Alert severity="warning" role="alert" sx={{ mx: 2, mt: 2, maxWidth: 268 }}>
          {translate(AUTH_ERRORS.learnerRefused)}
        </Alert>
      )}
      {consoleClerk() ? <ClerkSignIn learnerSession={learnerSession} /> : <LoginForm />}
      <Box sx={{ display: 'flex', justifyContent: 'center', pb: 1 }}>
        <LocalesMenuButton />
      </Box>
    </Login>
  );
};
