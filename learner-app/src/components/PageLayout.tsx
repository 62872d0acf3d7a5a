import type { ReactNode } from 'react';
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import IconButton from '@mui/material/IconButton';
import LinearProgress from '@mui/material/LinearProgress';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import { useTranslation } from 'react-i18next';
import { OfflineBanner } from './OfflineBanner';

/** The phone-width column used by every screen: centred on desktop, edge-to-edge on phones. */
export function AppColumn({ children }: { children: ReactNode }) {
  return (
    <Box
      sx={{
        maxWidth: 600,
        mx: 'auto',
        minHeight: '100dvh',
        display: 'flex',
        flexDirection: 'column',
        bgcolor: 'background.default',
        boxShadow: { xs: 'none', sm: '0 0 24px rgba(60, 30, 10, 0.08)' },
        pl: 'env(safe-area-inset-left)',
        pr: 'env(safe-area-inset-right)',
      }}
    >
      {children}
    </Box>
  );
}

interface PageLayoutProps {
  title: ReactNode;
  /** Shows a back arrow with this accessible label. */
  back?: { label: string; onClick: () => void };
  actions?: ReactNode;
  /** A thin progress bar under the app bar (refreshing). */
  busy?: boolean;
  children: ReactNode;
}

export function PageLayout({ title, back, actions, busy = false, children }: PageLayoutProps) {
  const { t } = useTranslation();
  return (
    <AppColumn>
      <AppBar position="sticky" elevation={0} sx={{ pt: 'env(safe-area-inset-top)' }}>
        <Toolbar sx={{ gap: 0.5, minHeight: { xs: 56 }, px: { xs: 1, sm: 2 } }}>
          {back ? (
            <IconButton edge="start" color="inherit" onClick={back.onClick} aria-label={back.label} data-testid="back">
              <ArrowBackIcon />
            </IconButton>
          ) : null}
          <Typography
            variant="h6"
            component="h1"
            noWrap
            sx={{ flexGrow: 1, fontWeight: 700, pl: back ? 0 : 1, minWidth: 0 }}
          >
            {title}
          </Typography>
          {actions}
        </Toolbar>
        <Box sx={{ height: 3 }}>{busy ? <LinearProgress color="inherit" sx={{ height: 3 }} aria-label={t('app.loading')} /> : null}</Box>
      </AppBar>
      <OfflineBanner />
      <Box component="main" sx={{ flexGrow: 1, pb: 'calc(16px + env(safe-area-inset-bottom))' }}>
        {children}
      </Box>
    </AppColumn>
  );
}
