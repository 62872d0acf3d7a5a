import Avatar from '@mui/material/Avatar';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemAvatar from '@mui/material/ListItemAvatar';
import ListItemButton from '@mui/material/ListItemButton';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { Room } from '../api/types';
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
        aria-label={[title, unreadLabel].filter(Boolean).join(', ')}
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
            <Typography variant="body2" color="text.disabled" noWrap data-testid="room-empty">
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

export function RoomsScreen({ rooms }: { rooms: ResourceState<Room[]> }) {
  const { t } = useTranslation();
  const user = useUser();

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
    </Box>
  );
}
