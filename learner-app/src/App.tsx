import { useEffect, useRef } from 'react';
import IconButton from '@mui/material/IconButton';
import RefreshIcon from '@mui/icons-material/Refresh';
import PersonIcon from '@mui/icons-material/PersonOutline';
import { useTranslation } from 'react-i18next';
import { fetchDishHistory, fetchDishes, fetchProfile, fetchRooms } from './api/endpoints';
import type { Dish, Profile, Room } from './api/types';
import { useAuth } from './auth/AuthContext';
import { ErrorState } from './components/ErrorState';
import { LanguageSwitcher } from './components/LanguageSwitcher';
import { LoadingState } from './components/LoadingState';
import { AppColumn, PageLayout } from './components/PageLayout';
import { SignOutButton } from './components/SignOutButton';
import type { ResourceState } from './hooks/useResource';
import { useResource } from './hooks/useResource';
import { useLiveEvents, useLiveStream } from './live/eventStream';
import { goBackToRooms, hrefFor, navigate, useRoute } from './navigation/route';
import { roomTitle } from './rooms/roomKinds';
import { DishHistoryScreen } from './screens/DishHistoryScreen';
import { FirstRunScreen } from './screens/FirstRunScreen';
import { NewSessionScreen } from './screens/NewSessionScreen';
import { RoomScreen, useRoomMessages } from './screens/RoomScreen';
import { RoomsScreen } from './screens/RoomsScreen';
import { SignInScreen } from './screens/SignInScreen';
import { bilingual } from './sessions/sessionStatus';
import { useSessions } from './sessions/useSessions';
import { dismissUpload } from './upload/uploadManager';
import { ChangePasswordForm } from './components/ChangePasswordForm';

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

/** A tapped notification in an open app: the service worker asks us to show its message. */
function useServiceWorkerNavigation() {
  useEffect(() => {
    if (!('serviceWorker' in navigator)) return;
    const onMessage = (event: MessageEvent) => {
      const data = event.data as { type?: string; url?: string } | null;
      if (data?.type !== 'ajimi:open' || typeof data.url !== 'string') return;
      const url = new URL(data.url, location.href);
      if (url.origin === location.origin) location.hash = url.hash || '#/';
    };
    navigator.serviceWorker.addEventListener('message', onMessage);
    return () => navigator.serviceWorker.removeEventListener('message', onMessage);
  }, []);
}

function SignedInApp() {
  const { t } = useTranslation();
  const { sessionExpired } = useAuth();
  useLiveStream(sessionExpired);
  useServiceWorkerNavigation();
  const route = useRoute();
  const rooms = useResource(fetchRooms, [], { onUnauthorized: sessionExpired });
  const profile = useResource(fetchProfile, [], { onUnauthorized: sessionExpired, refreshOnFocus: false });
  const dishes = useResource(fetchDishes, [], { onUnauthorized: sessionExpired, refreshOnFocus: false });
  const sessions = useSessions(sessionExpired);

  // Coming back to the room list (or into a new session): refresh counts and session numbers.
  const previousRouteName = useRef(route.name);
  const { reload: reloadRooms } = rooms;
  const { reload: reloadProfile } = profile;
  const { reload: reloadDishes } = dishes;
  useEffect(() => {
    if (route.name === 'rooms' && previousRouteName.current !== 'rooms') {
      reloadRooms();
      reloadProfile();
    }
    if (route.name === 'newSession' && previousRouteName.current !== 'newSession') reloadDishes();
    previousRouteName.current = route.name;
  }, [route.name, reloadRooms, reloadProfile, reloadDishes]);
  // New messages change unread counts and previews on the room list.
  useLiveEvents({ message: () => route.name === 'rooms' && reloadRooms() });

  const myCoaching = rooms.data?.find((r) => r.kind === 'my_coaching');
  // From a finished upload to the chat, where the session's live status card takes over.
  const openCoaching = () => {
    dismissUpload();
    navigate(myCoaching ? { name: 'room', roomId: myCoaching.id } : { name: 'rooms' });
  };

  if (profile.data === undefined) {
    return (
      <PageLayout title={t('app.name')} actions={<LanguageSwitcher />}>
        {profile.error !== undefined && !profile.loading ? <ErrorState error={profile.error} onRetry={profile.reload} /> : <LoadingState />}
      </PageLayout>
    );
  }

  if (!profile.data.onboarded || route.name === 'profile') {
    const editing = profile.data.onboarded;
    return (
      <PageLayout
        title={editing ? t('firstRun.editTitle') : t('app.name')}
        back={editing ? { label: t('rooms.back'), onClick: goBackToRooms } : undefined}
        actions={editing ? undefined : <SignOutButton />}
      >
        <FirstRunScreen
          profile={profile.data}
          dishes={dishes}
          editing={editing}
          onSaved={() => {
            reloadProfile();
            reloadDishes();
            if (!editing || route.name === 'profile') navigate({ name: 'rooms' }, { replace: true });
          }}
        />
        {editing ? <ChangePasswordForm /> : null}
      </PageLayout>
    );
  }

  switch (route.name) {
    case 'room':
      return <RoomView key={route.roomId} roomId={route.roomId} messageId={route.messageId} rooms={rooms} sessions={sessions} onOpenCoaching={openCoaching} />;
    case 'newSession':
      return (
        <PageLayout title={t('newSession.title')} back={{ label: t('rooms.back'), onClick: goBackToRooms }}>
          <NewSessionScreen dishes={dishes} profile={profile.data} initialDish={route.dish} onOpenCoaching={openCoaching} />
        </PageLayout>
      );
    case 'dish':
      return <DishView key={route.slug} slug={route.slug} dishes={dishes} />;
    default:
      return (
        <PageLayout
          title={t('app.name')}
          busy={rooms.loading && rooms.data !== undefined}
          actions={
            <>
              <LanguageSwitcher />
              <IconButton color="inherit" href={hrefFor({ name: 'profile' })} aria-label={t('account.profile')} data-testid="profile">
                <PersonIcon />
              </IconButton>
              <SignOutButton />
            </>
          }
        >
          <RoomsScreen rooms={rooms} profile={profile.data as Profile} />
        </PageLayout>
      );
  }
}

function DishView({ slug, dishes }: { slug: string; dishes: ResourceState<Dish[]> }) {
  const { t, i18n } = useTranslation();
  const { sessionExpired } = useAuth();
  const history = useResource((signal) => fetchDishHistory(slug, signal), [slug], { onUnauthorized: sessionExpired });
  const name = history.data?.dish.name ?? dishes.data?.find((d) => d.slug === slug)?.name;
  return (
    <PageLayout title={name ? t('history.title', { dish: bilingual(name, i18n.language) }) : ''} back={{ label: t('rooms.back'), onClick: goBackToRooms }} busy={history.loading && history.data !== undefined}>
      <DishHistoryScreen history={history} />
    </PageLayout>
  );
}

function RoomView({
  roomId,
  messageId,
  rooms,
  sessions,
  onOpenCoaching,
}: {
  roomId: string;
  messageId: string | undefined;
  rooms: ResourceState<Room[]>;
  sessions: ReturnType<typeof useSessions>;
  onOpenCoaching: () => void;
}) {
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
        <IconButton color="inherit" onClick={messages.reload} aria-label={t('rooms.refresh')} disabled={messages.loading} data-testid="refresh">
          <RefreshIcon />
        </IconButton>
      }
    >
      <RoomScreen roomId={roomId} kind={room?.kind} messages={messages} sessions={sessions} highlightId={messageId} onOpenCoaching={onOpenCoaching} />
    </PageLayout>
  );
}
