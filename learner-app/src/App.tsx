import { useEffect, useRef } from 'react';
import IconButton from '@mui/material/IconButton';
import RefreshIcon from '@mui/icons-material/Refresh';
import { useTranslation } from 'react-i18next';
import { fetchRooms } from './api/endpoints';
import type { Room } from './api/types';
import { useAuth } from './auth/AuthContext';
import { ErrorState } from './components/ErrorState';
import { LanguageSwitcher } from './components/LanguageSwitcher';
import { LoadingState } from './components/LoadingState';
import { AppColumn, PageLayout } from './components/PageLayout';
import { SignOutButton } from './components/SignOutButton';
import type { ResourceState } from './hooks/useResource';
import { useResource } from './hooks/useResource';
import { goBackToRooms, useRoute } from './navigation/route';
import { roomTitle } from './rooms/roomKinds';
import { RoomScreen, useRoomMessages } from './screens/RoomScreen';
import { RoomsScreen } from './screens/RoomsScreen';
import { SignInScreen } from './screens/SignInScreen';

export function App() {
  const { t } = useTranslation();
  const { state, recheck } = useAuth();

  switch (state.status) {
    case 'checking':
      return (
        <AppColumn>
          <LoadingState fullScreen />
        </AppColumn>
      );
    case 'error':
      // Could not even ask who is signed in (server down, offline on first visit).
      return (
        <PageLayout title={t('app.name')} actions={<LanguageSwitcher />}>
          <ErrorState error={state.error} onRetry={recheck} />
        </PageLayout>
      );
    case 'signedOut':
      return <SignInScreen notice={state.notice} />;
    case 'signedIn':
      return <SignedInApp key={state.user.id} />;
  }
}

function SignedInApp() {
  const { t } = useTranslation();
  const { sessionExpired } = useAuth();
  const route = useRoute();
  const rooms = useResource(fetchRooms, [], { onUnauthorized: sessionExpired });

  // Coming back from a room: refresh unread counts and previews.
  const previousRouteName = useRef(route.name);
  const { reload: reloadRooms } = rooms;
  useEffect(() => {
    if (route.name === 'rooms' && previousRouteName.current !== 'rooms') reloadRooms();
    previousRouteName.current = route.name;
  }, [route.name, reloadRooms]);

  if (route.name === 'room') {
    return <RoomView key={route.roomId} roomId={route.roomId} rooms={rooms} />;
  }

  return (
    <PageLayout
      title={t('app.name')}
      busy={rooms.loading && rooms.data !== undefined}
      actions={
        <>
          <LanguageSwitcher />
          <SignOutButton />
        </>
      }
    >
      <RoomsScreen rooms={rooms} />
    </PageLayout>
  );
}

function RoomView({ roomId, rooms }: { roomId: string; rooms: ResourceState<Room[]> }) {
  const { t } = useTranslation();
  const { sessionExpired } = useAuth();
  const messages = useRoomMessages(roomId, sessionExpired);
  const room = rooms.data?.find((r) => r.id === roomId);
  const title = room ? roomTitle(room.kind, t) : rooms.data ? t('rooms.unknown') : '';

  return (
    <PageLayout
      title={<span data-testid="room-title">{title}</span>}
      back={{ label: t('rooms.back'), onClick: goBackToRooms }}
      busy={messages.loading && messages.data !== undefined}
      actions={
        <IconButton
          color="inherit"
          onClick={messages.reload}
          aria-label={t('rooms.refresh')}
          disabled={messages.loading}
          data-testid="refresh"
        >
          <RefreshIcon />
        </IconButton>
      }
    >
      <RoomScreen messages={messages} />
    </PageLayout>
  );
}
