import AssignmentIndIcon from '@mui/icons-material/AssignmentInd';
import InboxIcon from '@mui/icons-material/Inbox';
import LabelIcon from '@mui/icons-material/LabelOutlined';
import { Box, Card, CardContent, Typography } from '@mui/material';
import {
  DataTable,
  FilterList,
  FilterListItem,
  List,
  SearchInput,
  SelectInput,
  TopToolbar,
  FilterButton,
  useListContext,
  useTranslate,
  Button,
} from 'react-admin';
import { CoachCounter } from './CoachCounter';
import { DiagnosisField, PosterThumb } from './DiagnosisField';
import { AgeField, HolderField, RenderStatus, StatusChip, useDishName } from './fields';
import { OPEN_STATUSES, REVIEW_STATUSES, type ReviewRow } from './types';
import { KeyboardRowsBody } from './KeyboardRows';
import { useQueueFacets } from './useQueueFacets';

const DEFAULT_FILTER = { status: OPEN_STATUSES };

const useFilters = () => {
  const { dishes, assignees } = useQueueFacets();
  const dishName = useDishName();
  const translate = useTranslate();
  return [
    <SearchInput key="q" source="q" alwaysOn placeholder={translate('ajimi.reviews.fields.q')} />,
    <SelectInput
      key="dishId"
      source="dishId"
      label="ajimi.reviews.fields.dish_id"
      choices={dishes.map((d) => ({ id: d.id, name: dishName(d) }))}
      translateChoice={false}
    />,
    <SelectInput
      key="assigneeId"
      source="assigneeId"
      label="ajimi.reviews.fields.assignee_id"
      choices={assignees.map((a) => ({ id: a.id, name: a.name }))}
      translateChoice={false}
    />,
  ];
};

/**
 * react-admin's filter item adds an unnamed "cancel" icon button to a selected item; clicking the
 * item itself already toggles it, so the nameless button goes (axe: button-name).
 */
const FilterChoice = (props: { label: string; value: Record<string, unknown> }) => <FilterListItem {...props} secondaryAction={null} />;

/**
 * The queue's sidebar, as in react-admin's demo: status and "mine" toggles. (react-admin's saved
 * views list puts buttons straight inside a <ul>, which screen readers misread, so it is left out.)
 */
const QueueAside = () => {
  return (
    <Card sx={{ order: -1, mr: 2, mt: 2, width: 230, flexShrink: 0, display: { xs: 'none', md: 'block' } }}>
      <CardContent sx={{ pt: 1 }}>
        <FilterList label="ajimi.reviews.filters.status" icon={<LabelIcon />}>
          <FilterChoice label="ajimi.reviews.filters.open" value={{ status: OPEN_STATUSES }} />
          {REVIEW_STATUSES.map((status) => (
            <FilterChoice key={status} label={`ajimi.reviews.status.${status}`} value={{ status }} />
          ))}
        </FilterList>
        <FilterList label="ajimi.reviews.filters.assignee" icon={<AssignmentIndIcon />}>
          <FilterChoice label="ajimi.reviews.filters.mine" value={{ mine: true }} />
        </FilterList>
      </CardContent>
    </Card>
  );
};

const QueueEmpty = () => {
  const translate = useTranslate();
  const { setFilters, filterValues } = useListContext();
  const filtered = Object.keys(filterValues ?? {}).length > 0;
  return (
    <Box sx={{ textAlign: 'center', py: 6, px: 2, width: '100%' }} data-testid="reviews-empty">
      <InboxIcon sx={{ fontSize: 64, color: 'text.disabled' }} />
      <Typography variant="h6" component="p" gutterBottom>
        {translate('ajimi.reviews.empty.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ maxWidth: 480, mx: 'auto', mb: 2 }}>
        {translate('ajimi.reviews.empty.body')}
      </Typography>
      {filtered && <Button label="ajimi.reviews.empty.clear" onClick={() => setFilters(DEFAULT_FILTER, {})} />}
    </Box>
  );
};

const Column = DataTable.Col<ReviewRow>;

const QueueTable = () => {
  const translate = useTranslate();
  const dishName = useDishName();
  return (
    <DataTable<ReviewRow> rowClick="edit" body={KeyboardRowsBody} bulkActionButtons={false} empty={<QueueEmpty />} sx={{ '& .MuiTableCell-root': { whiteSpace: 'nowrap', px: 1 } }}>
      <Column source="posterUrl" label="ajimi.reviews.fields.thumbnail" disableSort render={(r) => <PosterThumb row={r} />} />
      <Column source="dish" label="ajimi.reviews.fields.dish" disableSort render={(r) => dishName(r.dish)} />
      <Column source="cook" label="ajimi.reviews.fields.cook" disableSort render={(r) => r.cook.name} />
      <Column
        source="attemptNumber"
        label="ajimi.reviews.fields.session"
        render={(r) => translate('ajimi.reviews.session_n', { n: r.attemptNumber })}
      />
      <Column source="diagnosis" label="ajimi.reviews.fields.diagnosis" disableSort render={(r) => <DiagnosisField row={r} />} />
      <Column source="uploadedAt" label="ajimi.reviews.fields.age" field={AgeField} />
      <Column source="status" label="ajimi.reviews.fields.status" render={(r) => <StatusChip status={r.status} />} />
      <Column source="assignee" label="ajimi.reviews.fields.assignee" disableSort field={HolderField} />
      <Column source="render" label="ajimi.reviews.fields.render" disableSort render={(r) => <RenderStatus render={r.render} />} />
    </DataTable>
  );
};

const QueueActions = () => (
  <TopToolbar sx={{ alignItems: 'center' }}>
    <CoachCounter />
    <FilterButton />
  </TopToolbar>
);

/**
 * The review queue. react-admin keeps the list parameters (sort, filters, page) in its store,
 * so a coach's last view is where they land next time; saved views add named ones.
 */
export const ReviewList = () => {
  const filters = useFilters();
  return (
    <List<ReviewRow>
      filters={filters}
      filterDefaultValues={DEFAULT_FILTER}
      sort={{ field: 'createdAt', order: 'ASC' }}
      perPage={25}
      aside={<QueueAside />}
      actions={<QueueActions />}
      empty={<QueueEmpty />}
      title="ajimi.reviews.menu"
      // A narrow window scrolls the table rather than pushing the toolbar off screen.
      sx={{ '& .RaList-main': { minWidth: 0 }, '& .RaList-content': { overflowX: 'auto' } }}
    >
      <QueueTable />
    </List>
  );
};
