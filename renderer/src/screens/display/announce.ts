/**
 * Speaking the calls on the waiting-room display. A call is a queue number called at a moment
 * (a recall is a new moment), so the board speaks each call once, however often it refreshes.
 * Calls already on the board when the display opens are not spoken.
 */
export interface CallEntry {
  queueNo: string;
  roomName: string | null;
  calledAt: number | null;
}

export function callKey(e: CallEntry): string {
  return `${e.queueNo}@${e.calledAt ?? 0}`;
}

/** The calls not heard before, oldest first; `heard` is updated. */
export function takeNewCalls<E extends CallEntry>(heard: Set<string>, calling: readonly E[]): E[] {
  const fresh = calling.filter((e) => e.calledAt !== null && !heard.has(callKey(e)));
  for (const e of fresh) heard.add(callKey(e));
  return fresh.sort((a, b) => (a.calledAt ?? 0) - (b.calledAt ?? 0));
}

/** Says the text with the browser's speech synthesis, twice as a waiting room expects; silent where there is none. */
export function speak(text: string, lang: string): void {
  const synth = globalThis.speechSynthesis as SpeechSynthesis | undefined;
  if (!synth || typeof SpeechSynthesisUtterance === 'undefined') return;
  for (let i = 0; i < 2; i++) {
    const u = new SpeechSynthesisUtterance(text);
    u.lang = lang;
    u.rate = 0.9;
    synth.speak(u);
  }
}
