'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { submitInput } from '@/lib/intake/submit-input';
import { ApiError, postJson } from '@/lib/query/api-client';
import {
  type CategoryAdvice,
  getPlace,
  type IntakeCategory,
  listIntakeCategories,
  suggestCategory,
  type UploadedAttachment,
  uploadFile,
} from '@/lib/query/intake';
import { TRIAGE_RULES } from '@/lib/triage/rules';
import { triageText } from '@/lib/triage/triage-text';
import { BuildingSearch, metresBetween, type PickedBuilding } from './building-search';
import { CategoryPicker } from './category-picker';
import { errorKeyOf } from './error-keys';
import styles from './intake.module.css';
import type { Pin } from './pin-map';
import { PinMapLoader } from './pin-map-loader';
import { PlaceLine, type PlaceState } from './place-line';
import { ReceiptStatus } from './receipt-status';

type Kind = 'photo' | 'video' | 'audio';

interface Item {
  localId: string;
  kind: Kind;
  name: string;
  progress: number;
  attachment?: UploadedAttachment;
  errorKey?: string;
}

type Category = IntakeCategory;

/** The receipt hands the credentials to the tracking page in this tab only (never in a URL). */
const TRACK_HANDOFF = 'suqiu.track.code';

export interface TrackHandoff {
  trackingCode: string;
  phoneLast4?: string;
}

/** A building picked from the search goes with the submission while the pin stays this close (server: 300 m). */
const BUILDING_PIN_MAX_M = 250;

/** GET /api/v1/categories/suggest (or the built-in keyword rules when it cannot be reached). */
type Advice = CategoryAdvice;

function localAdvice(description: string): Advice {
  const r = triageText({ title: '', description, categoryCode: null, kind: 'complaint' });
  const rule = TRIAGE_RULES.find((x) => r.matchedRuleIds.includes(x.id) && x.categoryCode === r.categoryCode);
  return {
    rule: r.categorySource === 'rule' && rule ? { name: rule.name, categoryCode: rule.categoryCode! } : null,
    suggestions: [],
  };
}

/** 我要反映: the one-minute report form, and its receipt. `misconduct` is the separate 纪委 channel. */
export function ReportForm({
  misconduct,
  locale,
  presetBuilding = null,
}: {
  misconduct: boolean;
  locale: string;
  /** A building to report about (the grid worker's "代居民反映" from /grid). */
  presetBuilding?: number | null;
}) {
  const t = useTranslations('intake');
  const [description, setDescription] = useState('');
  const [items, setItems] = useState<Item[]>([]);
  const [pin, setPin] = useState<Pin | null>(null);
  const [address, setAddress] = useState('');
  const [building, setBuilding] = useState<PickedBuilding | null>(null);
  const [advice, setAdvice] = useState<Advice | null>(null);
  const [categories, setCategories] = useState<Category[]>([]);
  const [categoryCode, setCategoryCode] = useState('');
  const [phone, setPhone] = useState('');
  const [anonymous, setAnonymous] = useState(misconduct);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [submitting, setSubmitting] = useState(false);
  const [locating, setLocating] = useState(false);
  const [receipt, setReceipt] = useState<TrackHandoff | null>(null);
  const [place, setPlace] = useState<PlaceState>({ kind: 'none' });
  const [recording, setRecording] = useState<{ recorder: MediaRecorder; started: number } | null>(null);
  const [now, setNow] = useState(0);
  const idempotencyKey = useRef('');

  useEffect(() => {
    idempotencyKey.current = crypto.randomUUID();
    listIntakeCategories()
      .then(setCategories)
      .catch(() => setCategories([]));
  }, []);

  // 代居民反映 from /grid: the building preselected, the pin on it.
  useEffect(() => {
    if (!presetBuilding || misconduct) return;
    const controller = new AbortController();
    getPlace({ building: presetBuilding }, controller.signal)
      .then((p) => {
        if (!p?.building) return;
        const b = p.building;
        setBuilding({ id: b.id, address: b.address, villageName: p.village, lng: b.lng, lat: b.lat });
        setPin({ lng: b.lng, lat: b.lat });
      })
      .catch(() => {});
    return () => controller.abort();
  }, [presetBuilding, misconduct]);

  // The pin's place in words: village and the nearest building (debounced while the pin moves).
  const pinKey = pin ? `${pin.lng.toFixed(5)},${pin.lat.toFixed(5)}` : '';
  useEffect(() => {
    if (!pinKey) {
      setPlace({ kind: 'none' });
      return;
    }
    const [lng, lat] = pinKey.split(',').map(Number) as [number, number];
    const controller = new AbortController();
    setPlace({ kind: 'looking' });
    const timer = setTimeout(() => {
      getPlace({ lng, lat }, controller.signal)
        .then((p) => setPlace({ kind: 'found', place: p }))
        .catch((e: unknown) => {
          if ((e as Error).name !== 'AbortError') setPlace({ kind: 'failed' });
        });
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [pinKey]);

  useEffect(() => {
    if (!recording) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [recording]);

  const choosable = categories.filter((c) =>
    misconduct ? c.code.startsWith('JJ') && c.level === 2 : !c.code.startsWith('JJ') && c.level === 2,
  );
  const nameOf = (c: Category) => (locale === 'en' ? c.nameEn : c.nameZh);
  const byCode = (code: string) => choosable.find((c) => c.code === code);

  // The category proposal, debounced while typing: the keyword rule and the learned classifier.
  useEffect(() => {
    const text = description.trim();
    if (misconduct || categoryCode || Array.from(text).length < 5) {
      setAdvice(null);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        setAdvice(await suggestCategory(text, controller.signal));
      } catch (e) {
        if ((e as Error).name !== 'AbortError') setAdvice(localAdvice(text));
      }
    }, 500);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [description, categoryCode, misconduct]);
  const ruleCategory = advice?.rule ? byCode(advice.rule.categoryCode) : undefined;
  const learned = (advice?.suggestions ?? [])
    .map((s) => ({ ...s, category: byCode(s.code) }))
    .filter((s) => s.category && s.code !== advice?.rule?.categoryCode);

  function movePin(p: Pin) {
    setPin(p);
    // A pin answers "请标出问题位置": the error goes as soon as there is one.
    setErrors(({ location: _l, ...rest }) => rest);
    // A pin moved away from the picked building: the building no longer describes the place.
    if (building && metresBetween(p, building) > BUILDING_PIN_MAX_M) setBuilding(null);
  }

  function addFiles(files: FileList | null, kind: Kind) {
    for (const file of Array.from(files ?? [])) startUpload(file, kind, file.name);
  }

  function startUpload(blob: Blob, kind: Kind, name: string) {
    const localId = crypto.randomUUID();
    setItems((prev) => [...prev, { localId, kind, name, progress: 0 }]);
    const patch = (p: Partial<Item>) =>
      setItems((prev) => prev.map((it) => (it.localId === localId ? { ...it, ...p } : it)));
    uploadFile(blob, kind, (f) => patch({ progress: f }))
      .then((attachment) => patch({ attachment, progress: 1 }))
      .catch((e: unknown) => {
        const key = e instanceof ApiError ? (errorKeyOf(e)[0]?.key ?? 'file') : 'network';
        patch({ errorKey: key });
      });
  }

  async function toggleRecording() {
    if (recording) {
      recording.recorder.stop();
      setRecording(null);
      return;
    }
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      const recorder = new MediaRecorder(stream);
      const chunks: Blob[] = [];
      recorder.ondataavailable = (e) => chunks.push(e.data);
      recorder.onstop = () => {
        for (const track of stream.getTracks()) track.stop();
        const blob = new Blob(chunks, { type: recorder.mimeType || 'audio/webm' });
        startUpload(blob, 'audio', t('report.recordVoice'));
      };
      recorder.start();
      setNow(Date.now());
      setRecording({ recorder, started: Date.now() });
    } catch {
      setErrors((e) => ({ ...e, media: 'microphone' }));
    }
  }

  function locate() {
    if (!navigator.geolocation) {
      setErrors((e) => ({ ...e, location: 'geolocation' }));
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        // Browsers report WGS84 (W3C Geolocation).
        movePin({ lng: pos.coords.longitude, lat: pos.coords.latitude });
        setErrors(({ location: _l, ...rest }) => rest);
      },
      () => {
        setLocating(false);
        setErrors((e) => ({ ...e, location: 'geolocation' }));
      },
      { enableHighAccuracy: true, timeout: 10_000 },
    );
  }

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const body = {
      kind: misconduct ? 'misconduct' : 'complaint',
      description,
      location: pin ? { lng: pin.lng, lat: pin.lat, datum: 'wgs84' } : undefined,
      address: address.trim() || undefined,
      buildingId: building?.id,
      categoryCode: categoryCode || undefined,
      anonymous,
      contact: !anonymous && phone.trim() ? { phone: phone.trim() } : undefined,
      attachmentIds: items.filter((i) => i.attachment).map((i) => i.attachment!.id),
      idempotencyKey: idempotencyKey.current,
    };
    const local = submitInput.safeParse(body);
    if (!local.success) {
      const next: Record<string, string> = {};
      for (const issue of local.error.issues) {
        const root = String(issue.path[0] ?? '');
        next[root] ??= root;
      }
      setErrors(next);
      return;
    }
    setSubmitting(true);
    setErrors({});
    try {
      const res = await postJson<{ complaint: { trackingCode: string } }>('/api/v1/complaints', body);
      const digits = body.contact?.phone?.replace(/\D/g, '') ?? '';
      setReceipt({
        trackingCode: res.complaint.trackingCode,
        phoneLast4: digits.length >= 4 ? digits.slice(-4) : undefined,
      });
      window.scrollTo(0, 0);
    } catch (e) {
      const next: Record<string, string> = {};
      for (const { field, key } of e instanceof ApiError ? errorKeyOf(e) : [{ field: '', key: 'network' }]) {
        next[field] ??= key;
      }
      setErrors(next);
    } finally {
      setSubmitting(false);
    }
  }

  function again() {
    setReceipt(null);
    setDescription('');
    setItems([]);
    setPin(null);
    setAddress('');
    setBuilding(null);
    setCategoryCode('');
    idempotencyKey.current = crypto.randomUUID();
  }

  const err = (field: string) =>
    errors[field] ? (
      <p className={styles.error} role="alert" data-field-error={field}>
        {t(`fieldErrors.${errors[field]}` as 'fieldErrors.generic')}
      </p>
    ) : null;

  if (receipt) {
    return (
      <section className={styles.card} data-testid="receipt">
        <h2 className={styles.receiptTitle}>{t('report.receiptTitle')}</h2>
        <p className={styles.muted}>{t('report.receiptCode')}</p>
        <p className={styles.code} data-testid="tracking-code">
          {receipt.trackingCode.slice(0, 4)} {receipt.trackingCode.slice(4)}
        </p>
        <p className={styles.muted}>{t('report.receiptHint')}</p>
        <ReceiptStatus credentials={receipt} />
        <Link
          href="/track"
          className={styles.primary}
          onClick={() => sessionStorage.setItem(TRACK_HANDOFF, JSON.stringify(receipt))}
          data-testid="receipt-track"
        >
          {t('report.receiptTrack')}
        </Link>
        <button type="button" className={styles.secondary} onClick={again}>
          {t('report.receiptAgain')}
        </button>
      </section>
    );
  }

  const uploading = items.some((i) => !i.attachment && !i.errorKey);
  return (
    <form className={styles.form} onSubmit={submit} noValidate>
      <header className={misconduct ? styles.misconductBanner : styles.intro}>
        <h1>{misconduct ? t('report.misconductTitle') : t('report.title')}</h1>
        <p>{misconduct ? t('report.misconductIntro') : t('report.intro')}</p>
      </header>

      <label className={styles.field}>
        <span className={styles.label}>{t('report.description')}</span>
        <textarea
          name="description"
          rows={5}
          maxLength={2000}
          value={description}
          placeholder={t('report.descriptionPlaceholder')}
          onChange={(e) => setDescription(e.target.value)}
          aria-invalid={Boolean(errors.description)}
        />
        <span className={styles.counter}>{Array.from(description).length}/2000</span>
        {err('description')}
      </label>

      <fieldset className={styles.field}>
        <legend className={styles.label}>{t('report.media')}</legend>
        <div className={styles.mediaButtons}>
          <label className={styles.chip}>
            {t('report.addPhoto')}
            <input
              type="file"
              accept="image/jpeg,image/png,image/webp"
              multiple
              hidden
              data-testid="photo-input"
              onChange={(e) => {
                addFiles(e.target.files, 'photo');
                e.target.value = '';
              }}
            />
          </label>
          <label className={styles.chip}>
            {t('report.addVideo')}
            <input
              type="file"
              accept="video/*"
              capture="environment"
              hidden
              onChange={(e) => {
                addFiles(e.target.files, 'video');
                e.target.value = '';
              }}
            />
          </label>
          <button type="button" className={styles.chip} onClick={toggleRecording}>
            {recording ? t('report.stopVoice') : t('report.recordVoice')}
          </button>
          <label className={styles.chip}>
            {t('report.pickVoice')}
            <input
              type="file"
              accept="audio/*"
              hidden
              onChange={(e) => {
                addFiles(e.target.files, 'audio');
                e.target.value = '';
              }}
            />
          </label>
        </div>
        {recording ? (
          <p className={styles.muted}>
            {t('report.recording', { seconds: Math.round((now - recording.started) / 1000) })}
          </p>
        ) : null}
        <ul className={styles.uploads}>
          {items.map((it) => (
            <li key={it.localId} data-testid="upload-item" data-done={Boolean(it.attachment)}>
              <span className={styles.uploadName}>{it.name}</span>
              {it.errorKey ? (
                <span className={styles.error}>{t(`fieldErrors.${it.errorKey}` as 'fieldErrors.file')}</span>
              ) : it.attachment ? (
                <span className={styles.ok}>{t('report.uploaded')}</span>
              ) : (
                <progress
                  max={1}
                  value={it.progress}
                  aria-label={t('report.uploading', { percent: Math.round(it.progress * 100) })}
                />
              )}
              <button
                type="button"
                className={styles.link}
                onClick={() => setItems((prev) => prev.filter((x) => x.localId !== it.localId))}
              >
                {t('report.remove')}
              </button>
            </li>
          ))}
        </ul>
        {err('media')}
        {err('attachmentIds')}
        {err('file')}
      </fieldset>

      <fieldset className={styles.field}>
        <legend className={styles.label}>{t('report.location')}</legend>
        <button type="button" className={styles.secondary} onClick={locate} disabled={locating}>
          {locating ? t('report.locating') : t('report.useMyLocation')}
        </button>
        <PinMapLoader pin={pin} onPin={movePin} label={t('report.locationHint')} />
        <PlaceLine
          pin={pin}
          place={place}
          picked={building}
          onPickBuilding={(b) => {
            setBuilding(b);
            setErrors(({ location: _l, buildingId: _b, ...rest }) => rest);
          }}
        />
        {err('location')}
        <BuildingSearch
          near={pin}
          picked={building}
          onPick={(b) => {
            setBuilding(b);
            setPin({ lng: b.lng, lat: b.lat });
            setErrors(({ location: _l, buildingId: _b, ...rest }) => rest);
          }}
          onClear={() => setBuilding(null)}
        />
        {err('buildingId')}
        <label className={styles.field}>
          <span className={styles.label}>{t('report.address')}</span>
          <input
            type="text"
            maxLength={200}
            value={address}
            placeholder={t('report.addressPlaceholder')}
            onChange={(e) => setAddress(e.target.value)}
          />
          {err('address')}
        </label>
      </fieldset>

      <fieldset className={styles.field}>
        <legend className={styles.label}>{t('report.category')}</legend>
        <CategoryPicker
          categories={categories}
          misconduct={misconduct}
          value={categoryCode}
          onChange={setCategoryCode}
          locale={locale}
        />
        {ruleCategory || learned.length > 0 ? (
          <div className={styles.suggestion} data-testid="category-suggestion">
            {ruleCategory && advice?.rule ? (
              <p>
                {t('report.suggestedRule', { rule: advice.rule.name, name: nameOf(ruleCategory) })}{' '}
                <button
                  type="button"
                  className={styles.link}
                  onClick={() => setCategoryCode(ruleCategory.code)}
                >
                  {t('report.useSuggestion')}
                </button>
              </p>
            ) : null}
            {learned.length > 0 ? (
              <p>
                {t('report.suggestedModel')}
                {learned.map((s) => (
                  <button
                    key={s.code}
                    type="button"
                    className={styles.suggestChip}
                    onClick={() => setCategoryCode(s.code)}
                    data-testid="suggestion-chip"
                  >
                    {t('report.suggestedOption', {
                      name: nameOf(s.category!),
                      percent: Math.round(s.probability * 100),
                    })}
                  </button>
                ))}
              </p>
            ) : null}
          </div>
        ) : null}
        {err('categoryCode')}
      </fieldset>

      <label className={styles.field}>
        <span className={styles.label}>{t('report.phone')}</span>
        <input
          type="tel"
          inputMode="tel"
          value={phone}
          disabled={anonymous}
          placeholder={t('report.phonePlaceholder')}
          onChange={(e) => setPhone(e.target.value)}
          aria-invalid={Boolean(errors.contact)}
        />
        {err('contact')}
      </label>
      <label className={styles.check}>
        <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} />
        {t('report.anonymous')}
      </label>

      {err('')}
      <button type="submit" className={styles.primary} disabled={submitting || uploading}>
        {submitting ? t('report.submitting') : t('report.submit')}
      </button>

      <p className={styles.switch}>
        {misconduct ? (
          <Link href="/report">{t('report.ordinaryEntry')}</Link>
        ) : (
          <Link href="/report?kind=misconduct" className={styles.misconductLink}>
            {t('report.misconductEntry')}
          </Link>
        )}
      </p>
    </form>
  );
}

export { TRACK_HANDOFF };
