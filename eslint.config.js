import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import noEffectReturnValue from './scripts/eslint/no-effect-return-value.js';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', '.tmp/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The front-ends: hooks called by the rules, and effects that return only a cleanup function.
    files: ['console/src/**/*.{ts,tsx}', 'learner-app/src/**/*.{ts,tsx}', 'remotion/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks, ajimi: { rules: { 'no-effect-return-value': noEffectReturnValue } } },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'ajimi/no-effect-return-value': 'error',
    },
  },
);
