import { defaultDarkTheme, defaultLightTheme, type RaThemeOptions } from 'react-admin';

const fontFamily = [
  'system-ui',
  '-apple-system',
  '"Segoe UI"',
  'Roboto',
  '"Hiragino Sans"',
  '"Hiragino Kaku Gothic ProN"',
  '"Noto Sans JP"',
  '"Noto Sans CJK JP"',
  '"Yu Gothic UI"',
  'Meiryo',
  'sans-serif',
].join(',');

export const lightTheme: RaThemeOptions = {
  ...defaultLightTheme,
  palette: {
    ...defaultLightTheme.palette,
    primary: { main: '#a23b26' },
    secondary: { main: '#7a2e1f', contrastText: '#fff' },
    // MUI's default warning and info are too light for white text on filled chips (axe color-contrast, 4.5:1).
    warning: { main: '#a85000', contrastText: '#fff' },
    info: { main: '#0277bd', contrastText: '#fff' },
    // The default green read below 4.5:1 as an outlined small chip's text on a tinted card ("ready").
    success: { main: '#1b5e20', contrastText: '#fff' },
  },
  typography: { ...defaultLightTheme.typography, fontFamily },
  components: {
    ...defaultLightTheme.components,
    // A disabled field's help still has to be readable (it says why the field is locked).
    MuiFormHelperText: { styleOverrides: { root: { '&.Mui-disabled': { color: 'rgba(0, 0, 0, 0.6)' } } } },
  },
};

export const darkTheme: RaThemeOptions = {
  ...defaultDarkTheme,
  palette: {
    ...defaultDarkTheme.palette,
    primary: { main: '#f0a48f' },
  },
  typography: { ...defaultDarkTheme.typography, fontFamily },
};
