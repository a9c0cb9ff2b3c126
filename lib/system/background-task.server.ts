import 'server-only';

const g = globalThis as unknown as { __suqiuTasks?: Map<string, ReturnType<typeof setTimeout>> };

/**
 * A timer of the app's own (started from `instrumentation.ts`): runs `run` `firstRunMs` after start,
 * then `intervalMs` after each run ends, so runs never overlap. One per `name` and process, even
 * across `next dev` reloads; an `intervalMs` of 0 (or not a number) leaves it off. A failed run is
 * logged and the next one comes as planned; it never keeps the process alive. All state is in the
 * database.
 */
export function startBackgroundTask(task: {
  name: string;
  intervalMs: number;
  firstRunMs: number;
  run: () => Promise<void>;
}): void {
  g.__suqiuTasks ??= new Map();
  const timers = g.__suqiuTasks;
  if (timers.has(task.name) || !(task.intervalMs > 0)) return;
  const schedule = (ms: number) => {
    const timer = setTimeout(tick, ms);
    timer.unref?.();
    timers.set(task.name, timer);
  };
  const tick = async () => {
    try {
      await task.run();
    } catch (error) {
      console.error(`${task.name} failed`, error);
    }
    schedule(task.intervalMs);
  };
  schedule(task.firstRunMs);
}
