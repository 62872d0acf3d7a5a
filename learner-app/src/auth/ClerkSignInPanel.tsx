import { SignIn } from '@clerk/react';
import Box from '@mui/material/Box';

/**
 * Clerk's sign-in form (https://clerk.com/docs/reference/components/authentication/sign-in), with
 * hash routing so its steps (#/factor-one, …) never leave the page. After sign-in it returns to the
 * room list; ClerkAuthProvider then asks the API who the cook is.
 */
export default function ClerkSignInPanel() {
  const home = `${location.origin}${location.pathname}#/`;
  return (
    <Box data-testid="clerk-sign-in" sx={{ display: 'flex', justifyContent: 'center' }}>
      <SignIn routing="hash" forceRedirectUrl={home} signUpForceRedirectUrl={home} />
    </Box>
  );
}
