import { fileTypeFromBuffer } from 'file-type';
import { describe, expect, it } from 'vitest';
import { stripMediaMetadata } from './strip-media-metadata';

const enc = new TextEncoder();
function box(type: string, ...parts: Uint8Array[]): Uint8Array {
  const body = concat(...parts);
  const out = new Uint8Array(8 + body.byteLength);
  new DataView(out.buffer).setUint32(0, out.byteLength);
  out.set(enc.encode(type), 4);
  out.set(body, 8);
  return out;
}
function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}
/** A full box header (version 0) with creation and modification times, then `rest`. */
function timed(type: string, created: number, rest = new Uint8Array(12)): Uint8Array {
  const head = new Uint8Array(12);
  new DataView(head.buffer).setUint32(4, created);
  new DataView(head.buffer).setUint32(8, created + 1);
  return box(type, head, rest);
}
const has = (bytes: Uint8Array, text: string) => Buffer.from(bytes).includes(Buffer.from(text));

/** What a phone writes: location and device in moov/udta and moov/meta, a track with its own udta. */
function phoneVideo(): Uint8Array {
  return concat(
    box('ftyp', enc.encode('isom'), new Uint8Array(4), enc.encode('isommp42')),
    box(
      'moov',
      timed('mvhd', 3_800_000_000),
      box('udta', box('\u00a9xyz', enc.encode('+26.5801+101.7203/')), box('\u00a9mak', enc.encode('Xiaomi'))),
      box('meta', enc.encode('com.apple.quicktime.location.ISO6709 +26.5801+101.7203')),
      box(
        'trak',
        timed('tkhd', 3_800_000_000),
        box('mdia', timed('mdhd', 3_800_000_000)),
        box('udta', enc.encode('Redmi Note')),
      ),
    ),
    box('mdat', enc.encode('frames frames frames')),
  );
}

describe('stripMediaMetadata', () => {
  it('blanks location, device and times in an MP4 without moving a byte of the media', async () => {
    const input = phoneVideo();
    const { bytes, removed, complete } = stripMediaMetadata(input, 'video/mp4');
    expect(complete).toBe(true);
    expect(removed).toEqual(['moov/udta', 'moov/meta', 'moov/trak/udta']);
    expect(bytes.byteLength).toBe(input.byteLength);
    for (const secret of ['+26.5801', 'Xiaomi', 'ISO6709', 'Redmi']) {
      expect(has(input, secret)).toBe(true);
      expect(has(bytes, secret)).toBe(false);
    }
    // The media data sits at the same offset, unchanged; times are zero; it is still an MP4.
    const at = Buffer.from(input).indexOf('frames');
    expect(Buffer.from(bytes).indexOf('frames')).toBe(at);
    const mvhd = Buffer.from(bytes).indexOf('mvhd');
    expect(new DataView(bytes.buffer).getUint32(mvhd + 8)).toBe(0);
    expect(new DataView(bytes.buffer).getUint32(mvhd + 12)).toBe(0);
    expect((await fileTypeFromBuffer(bytes))?.mime).toBe('video/mp4');
    expect(has(input, 'free')).toBe(false);
    expect(has(bytes, 'free')).toBe(true);
  });

  it('leaves an MP4 whose box sizes do not add up as it is, and says so', () => {
    const input = phoneVideo();
    new DataView(input.buffer).setUint32(0, 9999); // ftyp claims more than the file
    const out = stripMediaMetadata(input, 'video/mp4');
    expect(out).toMatchObject({ complete: false, removed: [] });
    expect(out.bytes).toBe(input);
  });

  it('cuts the ID3v2 and ID3v1 tags off an MP3', () => {
    const id3 = concat(enc.encode('ID3'), new Uint8Array([3, 0, 0, 0, 0, 0, 12]), enc.encode('TPE1 Artist!'));
    const frames = new Uint8Array([0xff, 0xfb, 0x90, 0x64, 1, 2, 3, 4]);
    const v1 = concat(enc.encode('TAG'), enc.encode('Title'.padEnd(125, ' ')));
    const out = stripMediaMetadata(concat(id3, frames, v1), 'audio/mpeg');
    expect(out.removed).toEqual(['id3v2', 'id3v1']);
    expect(Array.from(out.bytes)).toEqual(Array.from(frames));
  });

  it('turns the LIST/INFO chunk of a WAV into zeroed JUNK of the same size', () => {
    const chunk = (id: string, body: Uint8Array) => {
      const head = new Uint8Array(8);
      head.set(enc.encode(id));
      new DataView(head.buffer).setUint32(4, body.byteLength, true);
      return concat(head, body);
    };
    const body = concat(
      enc.encode('WAVE'),
      chunk('fmt ', new Uint8Array(16)),
      chunk('LIST', enc.encode('INFOISFT Recorder 1.0 ')),
      chunk('data', new Uint8Array([1, 2, 3, 4])),
    );
    const input = concat(enc.encode('RIFF'), new Uint8Array(4), body);
    const out = stripMediaMetadata(input, 'audio/wav');
    expect(out.removed).toEqual(['LIST']);
    expect(out.bytes.byteLength).toBe(input.byteLength);
    expect(has(out.bytes, 'Recorder')).toBe(false);
    expect(has(out.bytes, 'JUNK')).toBe(true);
    expect(Array.from(out.bytes.subarray(-4))).toEqual([1, 2, 3, 4]);
  });

  it('passes WebM, Ogg and AMR through untouched', () => {
    const webm = new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 1, 2, 3]);
    for (const mime of ['video/webm', 'audio/webm', 'audio/ogg', 'audio/amr']) {
      expect(stripMediaMetadata(webm, mime)).toEqual({ bytes: webm, removed: [], complete: true });
    }
  });
});
