import { useParams } from 'react-router-dom';
import { ReviewWorkspace } from './ReviewWorkspace';

/** /reviews/:id — a fresh workspace per item, so "… and next" never carries one item's draft into the next. */
export const WorkspaceRoute = () => {
  const { id = '' } = useParams<{ id: string }>();
  return <ReviewWorkspace key={id} />;
};
