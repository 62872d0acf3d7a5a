import type { ReactElement } from 'react';
import RamenDiningIcon from '@mui/icons-material/RamenDining';
import VideoLibraryIcon from '@mui/icons-material/VideoLibrary';
import SupportAgentIcon from '@mui/icons-material/SupportAgent';
import ChatBubbleOutlineIcon from '@mui/icons-material/ChatBubbleOutline';
import type { TFunction } from 'i18next';
import { ROOM_KINDS } from '../api/types';
import type { Room, RoomKind } from '../api/types';

function isKnownKind(kind: string): kind is RoomKind {
  return (ROOM_KINDS as readonly string[]).includes(kind);
}

const META: Record<RoomKind, { icon: () => ReactElement; color: string }> = {
  my_coaching: { icon: () => <RamenDiningIcon />, color: '#b8482b' },
  cooking_videos: { icon: () => <VideoLibraryIcon />, color: '#2f6b57' },
  help: { icon: () => <SupportAgentIcon />, color: '#4a5a78' },
};

export function roomIcon(kind: string): ReactElement {
  return isKnownKind(kind) ? META[kind].icon() : <ChatBubbleOutlineIcon />;
}

export function roomColor(kind: string): string {
  return isKnownKind(kind) ? META[kind].color : '#7a6f66';
}

export function roomTitle(kind: string, t: TFunction): string {
  return isKnownKind(kind) ? t(`rooms.${kind}`) : t('rooms.unknown');
}

/** Fixed order (My Coaching, Cooking Videos, Help), whatever order the API returns. */
export function sortRooms(rooms: readonly Room[]): Room[] {
  const rank = (kind: string) => {
    const i = (ROOM_KINDS as readonly string[]).indexOf(kind);
    return i === -1 ? ROOM_KINDS.length : i;
  };
  return [...rooms].sort((a, b) => rank(a.kind) - rank(b.kind));
}
