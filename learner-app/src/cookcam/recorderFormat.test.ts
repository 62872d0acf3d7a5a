import { describe, expect, it } from 'vitest';
import { cookCamSupport, pickRecorderFormat } from './recorderFormat';

describe('recorder format', () => {
  it('prefers H.264/AAC MP4, else WebM', () => {
    expect(pickRecorderFormat((t) => t.startsWith('video/mp4'))).toMatch(/^video\/mp4;codecs=avc1/);
    expect(pickRecorderFormat((t) => t.startsWith('video/webm'))).toBe('video/webm;codecs=vp9,opus');
    expect(pickRecorderFormat(() => false)).toBeNull();
  });

  it('says why the browser cannot film in the app', () => {
    const recorder = { isTypeSupported: (t: string) => t === 'video/webm' };
    expect(cookCamSupport({ isSecureContext: true, hasGetUserMedia: true, mediaRecorder: recorder })).toBeNull();
    expect(cookCamSupport({ isSecureContext: false, hasGetUserMedia: true, mediaRecorder: recorder })).toBe('insecure');
    expect(cookCamSupport({ isSecureContext: true, hasGetUserMedia: false, mediaRecorder: recorder })).toBe('no_camera_api');
    expect(cookCamSupport({ isSecureContext: true, hasGetUserMedia: true, mediaRecorder: undefined })).toBe('no_media_recorder');
    expect(cookCamSupport({ isSecureContext: true, hasGetUserMedia: true, mediaRecorder: { isTypeSupported: () => false } })).toBe('no_format');
  });
});
