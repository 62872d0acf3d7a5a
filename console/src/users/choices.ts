import { LOCALES, ROLES } from '../roles';

/** Choice names are translation keys; react-admin's SelectInput/SelectField translate them. */
export const roleChoices = ROLES.map(role => ({ id: role, name: `ajimi.roles.${role}` }));

export const localeChoices = LOCALES.map(locale => ({ id: locale, name: `ajimi.locales.${locale}` }));
