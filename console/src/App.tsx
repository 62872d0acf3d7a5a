import { Admin, Resource } from 'react-admin';
// react-router-dom is react-admin's router (a peer dependency it requires); see the note below.
import { RouterProvider, createBrowserRouter } from 'react-router-dom';
import { authProvider } from './authProvider';
import { Dashboard } from './dashboard';
import { dataProvider } from './dataProvider';
import { i18nProvider } from './i18n';
import { AppLayout } from './layout/AppLayout';
import { LoginPage } from './LoginPage';
import { createStore } from './store';
import { darkTheme, lightTheme } from './theme';
import reviews from './reviews';
import users from './users';
import { principles, retrievalTester } from './knowledge';
import { dishes } from './dishes';
import { cooks } from './cooks';
import { auditLog, operations } from './operations';

/** The API serves the console at /console/ and returns index.html for any /console/* path. */
export const CONSOLE_BASENAME = '/console';

const store = createStore();

export const ConsoleAdmin = () => (
  <Admin
    title="Ajimi"
    dataProvider={dataProvider}
    authProvider={authProvider}
    i18nProvider={i18nProvider}
    store={store}
    theme={lightTheme}
    darkTheme={darkTheme}
    defaultTheme="light"
    dashboard={Dashboard}
    layout={AppLayout}
    loginPage={LoginPage}
    requireAuth
    disableTelemetry
  >
    {(permissions: unknown) => (
      <>
        {/* The review queue comes first: it is a coach's main work. Content staff do not review. */}
        {(permissions === 'coach' || permissions === 'admin') && <Resource name="reviews" {...reviews} />}
        {(permissions === 'coach' || permissions === 'admin') && <Resource {...cooks} />}
        {(permissions === 'content' || permissions === 'admin') && <Resource {...principles} />}
        {(permissions === 'content' || permissions === 'admin') && <Resource {...retrievalTester} />}
        {(permissions === 'content' || permissions === 'admin') && <Resource {...dishes} />}
        {permissions === 'admin' && <Resource name="users" {...users} />}
        {permissions === 'admin' && <Resource {...operations} />}
        {permissions === 'admin' && <Resource {...auditLog} />}
      </>
    )}
  </Admin>
);

/**
 * Left alone, react-admin creates a hash router. We want real paths under /console/, so the
 * console runs inside a browser *data* router (a data router keeps react-admin's
 * "unsaved changes" blocker working) whose basename is /console; <Admin> then routes relative
 * to it (its own basename stays '', or links would become /console/console/...).
 */
const router = createBrowserRouter([{ path: '*', element: <ConsoleAdmin /> }], {
  basename: CONSOLE_BASENAME,
});

export const App = () => <RouterProvider router={router} />;
