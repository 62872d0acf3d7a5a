import RestaurantIcon from '@mui/icons-material/Restaurant';
import type { ResourceProps } from 'react-admin';
import { DishCreate } from './DishCreate';
import { DishEdit } from './DishEdit';
import { DishList } from './DishList';

/** Dishes (content staff and admins): names, rubric and core principle, with versions. */
export const dishes: ResourceProps = {
  name: 'dishes',
  list: DishList,
  edit: DishEdit,
  create: DishCreate,
  icon: RestaurantIcon,
  recordRepresentation: 'name_ja',
  options: { label: 'ajimi.dishes.menu' },
};
