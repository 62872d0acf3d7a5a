import type { ReactNode } from 'react';
import { AppBar, Layout, LoadingIndicator, LocalesMenuButton, ToggleThemeButton, UserMenu, useGetIdentity, useTranslate } from 'react-admin';

/**
 * The user menu's button shows the person's name, so its accessible name contains that name (WCAG
 * 2.5.3) after what the button is for ("Profile: Aiko Sato").
 */
const NamedUserMenu = () => {
  const { identity } = useGetIdentity();
  const translate = useTranslate();
  return <UserMenu label={identity?.fullName ? `${translate('ra.auth.user_menu')}: ${identity.fullName}` : 'ra.auth.user_menu'} />;
};

/** react-admin's toolbar, with a spoken name for the loading spinner. */
const Toolbar = () => {
  const translate = useTranslate();
  return (
    <>
      <LocalesMenuButton />
      <ToggleThemeButton />
      <LoadingIndicator aria-label={translate('ra.page.loading')} />
    </>
  );
};

const ConsoleAppBar = () => <AppBar toolbar={<Toolbar />} userMenu={<NamedUserMenu />} />;

export const AppLayout = ({ children }: { children: ReactNode }) => <Layout appBar={ConsoleAppBar}>{children}</Layout>;
