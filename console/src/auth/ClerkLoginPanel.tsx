import { SignIn } from '@clerk/react';
import { Box } from '@mui/material';

/**
 * Clerk's sign-in form (https://clerk.com/docs/reference/components/authentication/sign-in) on the
 * console's login page; hash routing keeps its steps on /console/login. Back to the console after.
 */
export default function ClerkLoginPanel() {
  const home = `${location.origin}/console/`;
  return (
    <Box data-testid="clerk-sign-in" sx={{ display: 'flex', justifyContent: 'center', p: 2 }}>
      <SignIn routing="hash" forceRedirectUrl={home} signUpForceRedirectUrl={home} />
    </Box>
  );
}
