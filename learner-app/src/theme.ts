import { createTheme } from '@mui/material/styles';

// Keep the brand colours in sync with vite.config.ts (manifest) and scripts/generate-icons.mjs.
export const BRAND = {
  primary: '#b8482b',
  secondary: '#2f6b57',
  background: '#fbf6ef',
  backdrop: '#efe6da',
} as const;

const fontFamily = [
  'system-ui',
  '-apple-system',
  'BlinkMacSystemFont',
  '"Hiragino Sans"',
  '"Hiragino Kaku Gothic ProN"',
  '"Noto Sans JP"',
  '"Noto Sans CJK JP"',
  '"Yu Gothic UI"',
  'Meiryo',
  '"Segoe UI"',
  'Roboto',
  'sans-serif',
].join(',');

export const theme = createTheme({
  palette: {
    primary: { main: BRAND.primary },
    secondary: { main: BRAND.secondary },
    background: { default: BRAND.background, paper: '#ffffff' },
  },
  shape: { borderRadius: 12 },
  typography: {
    fontFamily,
    button: { textTransform: 'none', fontWeight: 600 },
  },
  components: {
    MuiCssBaseline: {
      styleOverrides: {
        html: { WebkitTextSizeAdjust: '100%' },
        body: {
          backgroundColor: BRAND.backdrop,
          WebkitTapHighlightColor: 'transparent',
          overscrollBehaviorY: 'none',
        },
      },
    },
    MuiButton: {
      defaultProps: { disableElevation: true },
      styleOverrides: { root: { minHeight: 44 }, sizeLarge: { minHeight: 52, fontSize: '1rem' } },
    },
    MuiIconButton: {
      styleOverrides: { root: { minWidth: 44, minHeight: 44 } },
    },
    MuiListItemButton: {
      styleOverrides: { root: { minHeight: 76 } },
    },
    MuiTextField: {
      defaultProps: { fullWidth: true },
    },
  },
});
