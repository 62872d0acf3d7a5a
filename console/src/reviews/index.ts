import RateReviewIcon from '@mui/icons-material/RateReview';
import { ReviewList } from './ReviewList';
import { WorkspaceRoute } from './workspace/WorkspaceRoute';

/** The `reviews` resource (coach, admin): the queue, and /reviews/:id as the review workspace. */
export default {
  list: ReviewList,
  edit: WorkspaceRoute,
  icon: RateReviewIcon,
  options: { label: 'ajimi.reviews.menu' },
  recordRepresentation: (record: { cook?: { name?: string } }) => record.cook?.name ?? '',
};
