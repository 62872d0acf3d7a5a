import { Create } from 'react-admin';
import { PrincipleForm, toPrincipleContent } from './PrincipleForm';
import type { Principle } from './types';

const transform = (data: Partial<Principle>) => ({ slug: (data.slug ?? '').trim(), published: Boolean(data.published), ...toPrincipleContent(data) });

const defaults = {
  dishes: [],
  addresses: [],
  is_core: false,
  published: false,
  symptoms: [{ ja: '', en: '', sense: 'sight' }],
  body_md: '\n\n## English\n\n',
};

export const PrincipleCreate = () => (
  <Create<Principle> title="ajimi.knowledge.create_title" transform={transform} redirect="edit">
    <PrincipleForm variant="create" defaultValues={defaults} />
  </Create>
);
