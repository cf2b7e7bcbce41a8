/**
 * How many doctors the waiting-room board shows at once, and which: as many columns as the screen
 * is wide and rows as it is tall (each doctor's card is about 150 px high, 360 px wide at least);
 * when the doctors do not fit, the board turns the page by itself.
 */
export const CARD_MIN_WIDTH = 360;
export const CARD_HEIGHT = 150;
/** What the board keeps above the cards: the title row and the call being made. */
export const BOARD_HEADER = 330;
export const PAGE_SECONDS = 10;

export interface BoardLayout { cols: number; perPage: number; pages: number }

export function boardLayout(width: number, height: number, doctors: number): BoardLayout {
  const cols = Math.max(1, Math.min(4, Math.floor(width / CARD_MIN_WIDTH)));
  const rows = Math.max(1, Math.floor((height - BOARD_HEADER) / CARD_HEIGHT));
  const perPage = cols * rows;
  return { cols, perPage, pages: Math.max(1, Math.ceil(doctors / perPage)) };
}

/** The items of page `page` (wrapping round), `perPage` a page. */
export function pageOf<T>(items: readonly T[], perPage: number, page: number): T[] {
  const pages = Math.max(1, Math.ceil(items.length / perPage));
  const p = ((page % pages) + pages) % pages;
  return items.slice(p * perPage, p * perPage + perPage);
}
