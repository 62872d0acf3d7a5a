import type { DishRecord } from '@ajimi/core/contracts/dishes';
import { Create } from 'react-admin';
import { DishForm, toDishContent } from './DishForm';

const transform = (data: Partial<DishRecord>) => ({ slug: (data.slug ?? '').trim(), ...toDishContent(data) });

const defaults = { rubric: { expectedSeconds: [60, 300], motion: 'constant', sizzleExpected: true, watchFor: [] } };

export const DishCreate = () => (
  <Create<DishRecord> title="ajimi.dishes.create_title" transform={transform} redirect="edit">
    <DishForm variant="create" defaultValues={defaults} />
  </Create>
);
