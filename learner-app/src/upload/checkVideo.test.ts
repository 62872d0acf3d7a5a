import { describe, expect, it } from 'vitest';
import { checkVideoFile, formatBytes, formatDuration } from './checkVideo';

describe('checkVideoFile (before the upload starts)', () => {
  const video = (over: Partial<{ name: string; type: string; size: number }> = {}) => ({ name: 'pan.mp4', type: 'video/mp4', size: 50e6, ...over });

  it('accepts phone videos, including files the browser gives no type', () => {
    expect(checkVideoFile(video(), 120)).toBeNull();
    expect(checkVideoFile(video({ name: 'IMG_0001.MOV', type: 'video/quicktime' }), null)).toBeNull();
    expect(checkVideoFile(video({ name: 'clip.3gp', type: '' }), null)).toBeNull();
    expect(checkVideoFile(video({ name: 'clip.mkv', type: 'application/octet-stream' }), null)).toBeNull();
  });

  it('says at once what is wrong: type, empty, size, duration', () => {
    expect(checkVideoFile(video({ name: 'photo.jpg', type: 'image/jpeg' }), null)).toEqual({ code: 'not_video' });
    expect(checkVideoFile(video({ name: 'notes.txt', type: '' }), null)).toEqual({ code: 'not_video' });
    expect(checkVideoFile(video({ size: 0 }), null)).toEqual({ code: 'empty' });
    expect(checkVideoFile(video({ size: 5 * 1024 ** 3 }), 60)).toEqual({ code: 'too_large', maxGb: 4 });
    expect(checkVideoFile(video(), 75 * 60)).toEqual({ code: 'too_long', minutes: 75, maxMinutes: 60 });
    expect(checkVideoFile(video(), 0.4)).toEqual({ code: 'too_short' });
  });

  it('formats sizes and durations for the progress line', () => {
    expect(formatBytes(512, 'en')).toBe('512 B');
    expect(formatBytes(3.5 * 1024 ** 2, 'en')).toBe('3.5 MB');
    expect(formatBytes(1.25 * 1024 ** 3, 'ja')).toBe('1.3 GB');
    expect(formatDuration(65)).toBe('1:05');
    expect(formatDuration(3725)).toBe('1:02:05');
  });
});
