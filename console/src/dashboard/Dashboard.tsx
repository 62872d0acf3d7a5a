import {
  Box,
  Card,
  CardActions,
  CardContent,
  Chip,
  Skeleton,
  Stack,
  Typography,
} from '@mui/material';
import { Button, Link, Title, useGetIdentity, usePermissions, useTranslate } from 'react-admin';
import type { ConsoleIdentity } from '../authProvider';
import { QueueSummaryCard } from '../reviews/QueueSummaryCard';
import { isStaffRole } from '../roles';
import { sectionsByRole, type DashboardSection } from './sections';

const SectionCard = ({ section }: { section: DashboardSection }) => {
  const translate = useTranslate();
  const prefix = `ajimi.dashboard.sections.${section.key}`;
  const available = section.to !== undefined;
  return (
    <Card variant="outlined" sx={{ flex: '1 1 280px', display: 'flex', flexDirection: 'column' }}>
      <CardContent sx={{ flexGrow: 1 }}>
        <Stack direction="row" spacing={1} alignItems="center" sx={{ mb: 1 }}>
          <Typography variant="h6" component="h2">
            {translate(`${prefix}.title`)}
          </Typography>
          <Chip
            size="small"
            color={available ? 'success' : 'default'}
            label={translate(available ? 'ajimi.dashboard.available' : 'ajimi.dashboard.coming')}
          />
        </Stack>
        <Typography variant="body2" color="text.secondary">
          {translate(`${prefix}.body`)}
        </Typography>
      </CardContent>
      {section.to !== undefined && (
        <CardActions>
          <Button component={Link} to={section.to} label="ajimi.dashboard.open" />
        </CardActions>
      )}
    </Card>
  );
};

export const Dashboard = () => {
  const translate = useTranslate();
  const { identity, isPending: identityPending } = useGetIdentity();
  const { permissions: role, isPending: rolePending } = usePermissions<unknown>();
  const user = identity as ConsoleIdentity | undefined;

  return (
    <Box sx={{ mt: 2, maxWidth: 1100 }}>
      <Title title="ra.page.dashboard" />
      <Card>
        <CardContent>
          {identityPending || rolePending || !user ? (
            <>
              <Skeleton variant="text" width="40%" height={40} />
              <Skeleton variant="text" width="60%" />
            </>
          ) : (
            <>
              <Typography variant="h5" component="h1" gutterBottom>
                {translate('ajimi.dashboard.greeting', { name: user.fullName })}
              </Typography>
              <Typography variant="body1" gutterBottom>
                {translate('ajimi.dashboard.signed_in_as', {
                  role: translate(`ajimi.roles.${user.role}`),
                  email: user.email,
                })}
              </Typography>
              <Typography variant="body2" color="text.secondary">
                {translate('ajimi.dashboard.intro')}
              </Typography>
            </>
          )}
        </CardContent>
      </Card>
      {/* Coaches land here: the queue is the first thing they see. */}
      {user && (role === 'coach' || role === 'admin') && <QueueSummaryCard userId={user.id} />}
      {isStaffRole(role) && (
        <Stack direction="row" useFlexGap flexWrap="wrap" spacing={2} sx={{ mt: 2 }}>
          {sectionsByRole[role].map(section => (
            <SectionCard key={section.key} section={section} />
          ))}
        </Stack>
      )}
    </Box>
  );
};
