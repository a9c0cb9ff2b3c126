/**
 * Removes what can be removed safely, in JavaScript, from the metadata of uploaded videos and voice
 * notes (photos are re-encoded by sharp instead). Pure; no re-encoding, so the media itself is
 * untouched and the file keeps its size wherever offsets matter.
 *
 * - MP4 / MOV / M4A (ISO BMFF: what phones record): every `udta` and `meta` box under `moov` and its
 *   tracks (GPS `©xyz`, `com.apple.quicktime.location.ISO6709`, make, model, software, author) and
 *   a top-level XMP `uuid` box become `free` boxes of the same size, their bytes zeroed; the creation
 *   and modification times of `mvhd`, `tkhd` and `mdhd` are zeroed. Sizes and chunk offsets do not
 *   move, so the file plays as before.
 * - MP3: the ID3v2 block at the start and an ID3v1 tag at the end are cut off (frames are
 *   self-synchronising, nothing points into the file).
 * - WAV: `LIST` (INFO: artist, software, date …) and `id3 ` chunks become zeroed `JUNK` chunks.
 * - Left as they are, and why: WebM/Matroska (browsers' MediaRecorder writes only the muxing and
 *   writing application names and no location), Ogg/Opus (a vendor string and comments, which
 *   recorders in browsers leave empty), AMR (no metadata at all). These files, like all
 *   attachments, are only served to signed-in staff of the case through expiring signed links.
 */

export interface StripResult {
  bytes: Uint8Array;
  /** What was removed, for the record (e.g. 'moov/udta', 'id3v2'). */
  removed: string[];
  /** False when the container could not be walked to its end (the file is then left as it is). */
  complete: boolean;
}

const BMFF = new Set(['video/mp4', 'video/quicktime', 'audio/mp4', 'audio/x-m4a']);
/** XMP packets in a top-level uuid box (Adobe's UUID). */
const XMP_UUID = 'be7acfcb97a942e89c71999491e3afac';

export function stripMediaMetadata(input: Uint8Array, mime: string): StripResult {
  if (BMFF.has(mime)) return stripBmff(input);
  if (mime === 'audio/mpeg') return stripMp3(input);
  if (mime === 'audio/wav' || mime === 'audio/x-wav') return stripWav(input);
  return { bytes: input, removed: [], complete: true };
}

const ascii = (b: Uint8Array, at: number, n: number) => String.fromCharCode(...b.subarray(at, at + n));

function stripBmff(input: Uint8Array): StripResult {
  const bytes = new Uint8Array(input); // a copy: the caller's buffer stays as it was
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const removed: string[] = [];

  const toFree = (start: number, header: number, end: number, path: string) => {
    bytes.set([0x66, 0x72, 0x65, 0x65], start + 4); // 'free'
    bytes.fill(0, start + header, end);
    removed.push(path);
  };
  const zeroTimes = (start: number, header: number, end: number) => {
    const version = bytes[start + header];
    const width = version === 1 ? 16 : 8;
    if (start + header + 4 + width <= end) bytes.fill(0, start + header + 4, start + header + 4 + width);
  };

  /** Walk the boxes in [from, to); false when a size does not fit. */
  const walk = (from: number, to: number, path: string): boolean => {
    let at = from;
    while (at + 8 <= to) {
      let size = view.getUint32(at);
      const type = ascii(bytes, at + 4, 4);
      let header = 8;
      if (size === 1) {
        if (at + 16 > to) return false;
        const big = view.getBigUint64(at + 8);
        if (big > BigInt(to - at)) return false;
        size = Number(big);
        header = 16;
      } else if (size === 0) {
        size = to - at;
      }
      if (size < header || at + size > to) return false;
      const end = at + size;
      const here = path ? `${path}/${type}` : type;
      if ((path === 'moov' || /^moov\/trak$/.test(path)) && (type === 'udta' || type === 'meta')) {
        toFree(at, header, end, here);
      } else if (path === '' && type === 'uuid' && at + header + 16 <= end) {
        const id = Array.from(bytes.subarray(at + header, at + header + 16), (x) =>
          x.toString(16).padStart(2, '0'),
        ).join('');
        if (id === XMP_UUID) toFree(at, header, end, 'uuid(xmp)');
      } else if (path === '' && type === 'meta') {
        toFree(at, header, end, 'meta');
      } else if (type === 'mvhd' || type === 'tkhd' || type === 'mdhd') {
        zeroTimes(at, header, end);
      } else if (type === 'moov' || type === 'trak' || type === 'mdia') {
        if (!walk(at + header, end, here)) return false;
      }
      at = end;
    }
    return at === to || to - at < 8;
  };

  const complete = walk(0, bytes.byteLength, '');
  return complete ? { bytes, removed, complete } : { bytes: input, removed: [], complete };
}

function stripMp3(input: Uint8Array): StripResult {
  let start = 0;
  let end = input.byteLength;
  const removed: string[] = [];
  if (end >= 10 && ascii(input, 0, 3) === 'ID3') {
    const size =
      ((input[6]! & 0x7f) << 21) |
      ((input[7]! & 0x7f) << 14) |
      ((input[8]! & 0x7f) << 7) |
      (input[9]! & 0x7f);
    const footer = input[5]! & 0x10 ? 10 : 0;
    start = Math.min(end, 10 + size + footer);
    removed.push('id3v2');
  }
  if (end - start >= 128 && ascii(input, end - 128, 3) === 'TAG') {
    end -= 128;
    removed.push('id3v1');
  }
  return { bytes: removed.length ? input.slice(start, end) : input, removed, complete: true };
}

function stripWav(input: Uint8Array): StripResult {
  if (input.byteLength < 12 || ascii(input, 0, 4) !== 'RIFF' || ascii(input, 8, 4) !== 'WAVE') {
    return { bytes: input, removed: [], complete: false };
  }
  const bytes = new Uint8Array(input);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const removed: string[] = [];
  let at = 12;
  while (at + 8 <= bytes.byteLength) {
    const id = ascii(bytes, at, 4);
    const size = view.getUint32(at + 4, true);
    const end = at + 8 + size;
    if (end > bytes.byteLength) return { bytes: input, removed: [], complete: false };
    if (id === 'LIST' || id === 'id3 ' || id === 'ID3 ') {
      bytes.set([0x4a, 0x55, 0x4e, 0x4b], at); // 'JUNK'
      bytes.fill(0, at + 8, end);
      removed.push(id.trim());
    }
    at = end + (size % 2); // chunks are padded to an even size
  }
  return { bytes, removed, complete: true };
}
