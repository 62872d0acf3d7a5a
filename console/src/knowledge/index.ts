import MenuBookIcon from '@mui/icons-material/MenuBook';
import ScienceIcon from '@mui/icons-material/Science';
import type { ResourceProps } from 'react-admin';
import { PrincipleCreate } from './PrincipleCreate';
import { PrincipleEdit } from './PrincipleEdit';
import { PrincipleList, RETRIEVAL_TESTER_PATH } from './PrincipleList';
import { RetrievalTester } from './RetrievalTester';

/** The knowledge base (content staff and admins): <Resource {...principles} />. */
export const principles: ResourceProps = {
  name: 'principles',
  list: PrincipleList,
  edit: PrincipleEdit,
  create: PrincipleCreate,
  icon: MenuBookIcon,
  recordRepresentation: 'title_ja',
  options: { label: 'ajimi.knowledge.menu' },
};

/**
 * The retrieval tester as a menu entry: a resource whose list is the tester page (it never calls
 * the data provider), so it appears in the sidebar at /retrieval-tester.
 */
export const retrievalTester: ResourceProps = {
  name: RETRIEVAL_TESTER_PATH.slice(1),
  list: RetrievalTester,
  icon: ScienceIcon,
  options: { label: 'ajimi.knowledge.tester_menu' },
};

export { RetrievalTester, RETRIEVAL_TESTER_PATH };
