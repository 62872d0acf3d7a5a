import { localStorageStore, type Store } from 'react-admin';

/** Preferences that survive a logout (react-admin resets its store when the user logs out). */
const KEPT_ON_RESET = new Set(['locale', 'theme']);

/**
 * react-admin's localStorage store under its own key (the learner app shares this origin),
 * except that logging out keeps the chosen language and theme.
 */
export const createStore = (): Store => {
  const base = localStorageStore('1', 'AjimiConsole');
  return {
    ...base,
    reset() {
      const items = base.listItems?.() ?? {};
      for (const key of Object.keys(items)) {
        if (!KEPT_ON_RESET.has(key)) base.removeItem(key);
      }
    },
  };
};
