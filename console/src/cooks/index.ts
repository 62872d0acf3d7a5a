import SoupKitchenIcon from '@mui/icons-material/SoupKitchen';
import type { ResourceProps } from 'react-admin';
import { CookList } from './CookList';
import { CookShow } from './CookShow';

/** Cooks and their conversations (chef-coaches and admins): <Resource {...cooks} />. */
export const cooks: ResourceProps = {
  name: 'cooks',
  list: CookList,
  show: CookShow,
  icon: SoupKitchenIcon,
  recordRepresentation: 'name',
  options: { label: 'ajimi.cooks.menu' },
};
