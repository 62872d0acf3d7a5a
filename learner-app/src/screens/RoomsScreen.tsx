import Avatar from '@mui/material/Avatar';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemAvatar from '@mui/material/ListItemAvatar';
import ListItemButton from '@mui/material/ListItemButton';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import AddIcon from '@mui/icons-material/VideoCall';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import { useTranslation } from 'react-i18next';
import type { Profile, Room } from '../api/types';
import { PushOptIn } from '../components/PushOptIn';
import { UploadProgress } from '../components/UploadProgress';
import { bilingual, sessionLabel } from '../sessions/sessionStatus';
import { useUpload } from '../upload/uploadManager';
import { useUser } from '../auth/AuthContext';
import { ErrorBanner, ErrorState } from '../components/ErrorState';
import { LoadingState } from '../components/LoadingState';
import { formatListTime } from '../format';
import type { ResourceState } from '../hooks/useResource';
import { hrefFor } from '../navigation/route';
import { roomColor, roomIcon, roomTitle, sortRooms } from '../rooms/roomKinds';

function RoomRow({ room }: { room: Room }) {
  const { t, i18n } = useTranslation();
  const title = roomTitle(room.kind, t);
  const time = formatListTime(room.lastMessageAt, i18n.language);
  const hasMessages = Boolean(room.lastMessagePreview || room.lastMessageAt);
  const unreadLabel = room.unread > 0 ? t('rooms.unread', { count: room.unread }) : undefined;

  return (
    <ListItem disablePadding divider>
      <ListItemButton
        component="a"
        href={hrefFor({ name: 'room', roomId: room.id })}
        data-testid={`room-${room.kind}`}
        data-room-id={room.id}
        sx={{ py: 1.5, gap: 1.5, alignItems: 'center' }}
      >
        <ListItemAvatar sx={{ minWidth: 0 }}>
          <Avatar sx={{ bgcolor: roomColor(room.kind), width: 48, height: 48 }} aria-hidden>
            {roomIcon(room.kind)}
          </Avatar>
        </ListItemAvatar>
        <Box sx={{ flexGrow: 1, minWidth: 0 }}>
          <Typography variant="subtitle1" component="h2" noWrap sx={{ fontWeight: 700, lineHeight: 1.3 }}>
            {title}
          </Typography>
          {hasMessages ? (
            <Typography variant="body2" color="text.secondary" noWrap data-testid="room-preview">
              {room.lastMessagePreview ?? '\u00a0'}
            </Typography>
          ) : (
            <Typography variant="body2" color="text.secondary" noWrap data-testid="room-empty">
              {t('rooms.empty')}
            </Typography>
          )}
        </Box>
        <Box sx={{ display: 'flex', flexDirection: 'column', alignItems: 'flex-end', gap: 0.5, flexShrink: 0 }}>
          {time ? (
            <Typography variant="caption" color="text.secondary" component="time" dateTime={room.lastMessageAt ?? undefined}>
              {time}
            </Typography>
          ) : null}
          {room.unread > 0 ? (
            <Chip
              size="small"
              color="primary"
              label={room.unread > 99 ? '99+' : room.unread}
              aria-label={unreadLabel}
              title={unreadLabel}
              data-testid={`room-${room.kind}-unread`}
              sx={{ fontWeight: 700, minWidth: 28, height: 22 }}
            />
          ) : null}
        </Box>
      </ListItemButton>
    </ListItem>
  );
}

/** The dishes the cook is working on: next session number, coached count, history. */
function MyDishes({ profile }: { profile: Profile | undefined }) {
  const { t, i18n } = useTranslation();
  if (!profile) return null;
  return (
    <Box sx={{ mb: 2 }} data-testid="my-dishes">
      <Box sx={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', px: 0.5, mb: 1 }}>
        <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 700 }}>
          {t('home.myDishes')}
        </Typography>
        <Button size="small" href={hrefFor({ name: 'profile' })} data-testid="edit-dishes">
          {t('home.editDishes')}
        </Button>
      </Box>
      {profile.dishes.length === 0 ? (
        <Typography variant="body2" color="text.secondary" sx={{ px: 0.5 }}>
          {t('home.noDishes')}
        </Typography>
      ) : (
        <Paper variant="outlined" sx={{ overflow: 'hidden' }}>
          <List disablePadding>
            {profile.dishes.map((d) => (
              <ListItem key={d.slug} disablePadding divider>
                <ListItemButton component="a" href={hrefFor({ name: 'dish', slug: d.slug })} data-testid={`dish-${d.slug}`} sx={{ minHeight: 64, gap: 1 }}>
                  <Box sx={{ flexGrow: 1, minWidth: 0 }}>
                    <Typography sx={{ fontWeight: 700 }}>{bilingual(d.name, i18n.language)}</Typography>
                    <Typography variant="body2" color="text.secondary">
                      {t('dish.nextSession', { n: d.nextAttempt })} · {t('dish.coachedCount', { count: d.sessionsCoached })}
                    </Typography>
                  </Box>
                  <Typography variant="caption" color="primary">
                    {t('home.history')}
                  </Typography>
                  <ChevronRightIcon color="action" aria-hidden />
                </ListItemButton>
              </ListItem>
            ))}
          </List>
        </Paper>
      )}
    </Box>
  );
}

export function RoomsScreen({ rooms, profile }: { rooms: ResourceState<Room[]>; profile?: Profile | undefined }) {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const upload = useUpload();
  const firstDish = profile?.dishes[0];

  return (
    <Box sx={{ px: { xs: 2, sm: 3 }, pt: 2 }}>
      <Box sx={{ mb: 2, px: 0.5 }}>
        <Typography variant="h6" component="p" sx={{ fontWeight: 700 }} data-testid="user-name">
          {t('account.greeting', { name: user.name })}
        </Typography>
        <Typography variant="body2" color="text.secondary" noWrap>
          {t('account.signedInAs', { email: user.email })}
        </Typography>
      </Box>

      <Stack spacing={1.5} sx={{ mb: 2 }}>
        {upload && upload.phase !== 'cancelled' ? <UploadProgress upload={upload} /> : null}
        <Button
          variant="contained"
          size="large"
          startIcon={<AddIcon />}
          href={hrefFor(firstDish ? { name: 'newSession', dish: firstDish.slug } : { name: 'newSession' })}
          data-testid="new-session-button"
          sx={{ py: 1.5 }}
        >
          {firstDish ? `${t('home.newSession')} · ${sessionLabel(t, i18n.language, firstDish.name, firstDish.nextAttempt)}` : t('home.newSession')}
        </Button>
      </Stack>

      {rooms.data === undefined ? (
        rooms.error !== undefined && !rooms.loading ? (
          <ErrorState error={rooms.error} onRetry={rooms.reload} />
        ) : (
          <LoadingState />
        )
      ) : (
        <>
          {rooms.error !== undefined && !rooms.loading ? (
            <Box sx={{ mb: 2 }}>
              <ErrorBanner error={rooms.error} onRetry={rooms.reload} />
            </Box>
          ) : null}
          <Paper variant="outlined" sx={{ overflow: 'hidden' }}>
            <List disablePadding aria-label={t('rooms.title')} data-testid="rooms">
              {sortRooms(rooms.data).map((room) => (
                <RoomRow key={room.id} room={room} />
              ))}
            </List>
          </Paper>
        </>
      )}
      <Box sx={{ mt: 2 }}>
        <MyDishes profile={profile} />
        <PushOptIn />
      </Box>
    </Box>
  );
}
