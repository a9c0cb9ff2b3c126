/** What uploads are accepted: by content type detected from the bytes (magic numbers), per kind. Pure. */
export type AttachmentKind = 'photo' | 'video' | 'audio';

export const UPLOAD_LIMITS: Record<AttachmentKind, { maxBytes: number; mimes: readonly string[] }> = {
  photo: { maxBytes: 10 * 1024 * 1024, mimes: ['image/jpeg', 'image/png', 'image/webp'] },
  video: { maxBytes: 50 * 1024 * 1024, mimes: ['video/mp4', 'video/quicktime', 'video/webm'] },
  // Browsers record voice as WebM/Opus (Chrome, Android WeChat) or MP4/AAC (iOS): the containers are
  // the video ones, so an audio upload accepts those too.
  audio: {
    maxBytes: 10 * 1024 * 1024,
    mimes: [
      'audio/webm',
      'audio/ogg',
      'audio/opus',
      'audio/mp4',
      'audio/x-m4a',
      'audio/aac',
      'audio/mpeg',
      'audio/wav',
      'audio/x-wav',
      'audio/amr',
      'video/webm',
      'video/mp4',
    ],
  },
};

/** The largest upload of any kind (the request body limit). */
export const UPLOAD_MAX_BYTES = Math.max(...Object.values(UPLOAD_LIMITS).map((l) => l.maxBytes));

/** The kind a detected type belongs to when the client did not say. */
export function kindOfMime(mime: string): AttachmentKind | null {
  if (UPLOAD_LIMITS.photo.mimes.includes(mime)) return 'photo';
  if (mime.startsWith('audio/')) return 'audio';
  if (UPLOAD_LIMITS.video.mimes.includes(mime)) return 'video';
  return null;
}
