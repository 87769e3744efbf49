import { deserialize } from "$app/forms";
import { goto, invalidateAll } from "$app/navigation";
import { tick } from "svelte";
import { SvelteMap } from "svelte/reactivity";
import { type Availability, blockedColumns, moveTargets, planEvents, refusal } from "$lib/board/availability";
import { movePlan, reachableColumns } from "$lib/board/moves";
import { type MoveOutcome, moveOutcome } from "$lib/board/outcome";
import type { Translate } from "$lib/i18n";
import type { MoveRequest } from "./MoveDialog.svelte";
import type { PageData } from "./$types";

type Card = PageData["cards"][number];

/** What the board tells the user of a move: under way, done, or refused and why. */
export interface Notice {
  kind: "status" | "success" | "error";
  text: string;
}

/** How a column looks while a card is dragged: open to it, not possible now (and why), or led to by no event. */
export type DropMark = { kind: "target" } | { kind: "blocked"; why: string } | { kind: "closed" };

/** What the moves read of the page, current at each call (the page's data changes when it reloads). */
export interface BoardState {
  process: PageData["process"];
  cards: Card[];
  /** The columns' states, in order. */
  states: string[];
  t: Translate;
  /** The board's address: `<path>/events?id=` says what a card may do now. */
  path: string;
}

/**
 * The moves of a board's cards, by drag and drop or by the "Move to" dialog:
 * which columns a dragged card may go to, the event a move fires (or the
 * dialog asking which, and with what data), the card shown in its new
 * column until the server answers, and what the board says of it after.
 *
 * @example
 * const moves = new BoardMoves(() => ({ process: data.process, cards: data.cards, states, t, path: page.url.pathname }));
 * moves.moveTo(card, "qualification");
 */
export class BoardMoves {
  readonly #board: () => BoardState;
  /** Cards on their way to another column, until the server answers: shown there at once. */
  readonly pending = new SvelteMap<string, string>();
  /** What the server says each card may do now, asked for when it is picked up or its menu opened. */
  readonly options = new SvelteMap<string, Availability>();
  dragging = $state<{ id: string; from: string } | null>(null);
  /** The column the dragged card is over, when it may go there. */
  over = $state<string | null>(null);
  request = $state<MoveRequest | null>(null);
  notice = $state<Notice | null>(null);

  /** The columns an event the user may fire takes the dragged card to. */
  readonly reachable = $derived.by(() => {
    const { process, states } = this.#board();
    return new Set(this.dragging ? reachableColumns(process, this.dragging.from, states) : []);
  });
  /** Of those, the ones the server says it may not go to now, and why, once it has said. */
  readonly blocked = $derived.by(() => {
    const dragging = this.dragging;
    if (!dragging) return new Map<string, string>();
    return blockedColumns(this.#board().process, dragging.from, this.reachable, this.options.get(dragging.id));
  });

  constructor(board: () => BoardState) {
    this.#board = board;
  }

  /** Whether any event the user may fire leads from a state to another column: its cards can be moved. */
  movable(state: string): boolean {
    const { process, states } = this.#board();
    return reachableColumns(process, state, states).length > 0;
  }

  /** How a column looks while a card is dragged; `null` when none is, or it is the card's own. */
  mark(state: string): DropMark | null {
    if (!this.dragging || this.dragging.from === state) return null;
    const why = this.blocked.get(state);
    if (why !== undefined) return { kind: "blocked", why };
    return this.reachable.has(state) ? { kind: "target" } : { kind: "closed" };
  }

  /** Moves a card to a column: fires the one event that leads there, or asks which and with what. */
  moveTo(card: Card, to: string): void {
    if (to === card.state) return;
    const { process, t } = this.#board();
    const plan = movePlan(process, card.state, to);
    if (plan.kind === "none") {
      this.notice = { kind: "error", text: t("board.noEvent", { from: this.#label(card.state), to: this.#label(to) }) };
      return;
    }
    const candidates = planEvents(plan);
    const known = this.options.get(card.id);
    const why = refusal(candidates, known);
    if (why !== undefined) return this.#refuse(card, why);
    if (plan.kind === "fire") {
      const form = new FormData();
      for (const [name, value] of Object.entries({ id: card.id, from: card.state, to, event: plan.event.name }))
        form.set(name, value);
      void this.submit(form);
      return;
    }
    const open = candidates.filter((e) => known?.get(e.name)?.available !== false);
    this.request = { ...this.#about(card), step: "event", to, toLabel: this.#label(to), events: open };
  }

  /** Sends a move (the card, the column, the event and its data) to the board's `?/move` action. */
  async submit(form: FormData): Promise<void> {
    const { cards, process, t } = this.#board();
    const id = String(form.get("id"));
    const to = String(form.get("to"));
    const card = cards.find((c) => c.id === id);
    if (!card) return;
    this.request = null;
    this.pending.set(id, to);
    this.notice = { kind: "status", text: t("board.moving", { title: card.title }) };
    let outcome: MoveOutcome;
    /** Whether the API answered with a refusal (not a failure to reach it, or an error of the studio's). */
    let refusedByApi = false;
    try {
      const response = await fetch("?/move", {
        method: "POST",
        body: form,
        headers: { accept: "application/json", "x-sveltekit-action": "true" },
      });
      const result = deserialize(await response.text());
      outcome = moveOutcome(result, process.eventDescriptions);
      refusedByApi = result.type === "failure";
      this.options.delete(id);
    } catch {
      outcome = { kind: "refused", reason: null };
    }
    if (outcome.kind === "redirect") return goto(outcome.location);
    if (outcome.kind === "moved") await invalidateAll();
    this.pending.delete(id);
    if (outcome.kind === "ask") {
      this.notice = null;
      const events = process.events.filter((e) => outcome.events.includes(e.name));
      this.request = { ...this.#about(card), step: "event", to, toLabel: this.#label(to), events };
      return;
    }
    if (outcome.kind === "moved")
      this.notice = {
        kind: "success",
        text:
          outcome.state === to
            ? t("board.moved", { title: card.title, state: this.#label(to) })
            : t("board.landed", { title: card.title, state: this.#label(outcome.state) }),
      };
    else if (outcome.kind === "none")
      this.notice = { kind: "error", text: t("board.noEvent", { from: this.#label(card.state), to: this.#label(to) }) };
    else {
      this.#refuse(card, outcome.reason ?? t("error.other"));
      // The server saw the record otherwise than the board (changed in another tab, moved on by someone else):
      // show it as it is now, in the column it is in.
      if (refusedByApi) await invalidateAll();
    }
    await this.#focusCard(id);
  }

  /** Opens the "Move to" dialog of a card: the columns it may go to, marked with why not once the server says. */
  async openMenu(card: Card): Promise<void> {
    const targets = () => {
      const { process, states } = this.#board();
      return moveTargets(process, card.state, states, this.options.get(card.id), (state) => this.#label(state));
    };
    this.request = { ...this.#about(card), step: "column", targets: targets(), checking: !this.options.has(card.id) };
    await this.#availability(card.id);
    if (this.request?.step === "column" && this.request.id === card.id)
      this.request = { ...this.request, targets: targets(), checking: false };
  }

  /** The column chosen in the "Move to" dialog. */
  chooseColumn(to: string): void {
    const card = this.#board().cards.find((c) => c.id === this.request?.id);
    this.request = null;
    if (card) this.moveTo(card, to);
  }

  /** Closes the dialog, back to the card it was opened from. */
  closeDialog(): void {
    const id = this.request?.id;
    this.request = null;
    if (id) void this.#focusCard(id);
  }

  dragStart(card: Card, event: DragEvent): void {
    if (!event.dataTransfer) return;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.id);
    this.dragging = { id: card.id, from: card.state };
    void this.#availability(card.id);
  }

  /**
   * A dragged card over a column. Every other column takes the drop, so
   * that the board can say why a card may not go there (no event leads
   * there, or the server says not now) rather than ignore it.
   */
  dragOver(event: DragEvent, state: string): void {
    const mark = this.mark(state);
    if (!mark) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = "move";
    this.over = mark.kind === "target" ? state : null;
  }

  dragLeave(state: string): void {
    if (this.over === state) this.over = null;
  }

  drop(event: DragEvent, state: string): void {
    event.preventDefault();
    const card = this.#board().cards.find((c) => c.id === this.dragging?.id);
    this.dragEnd();
    if (card) this.moveTo(card, state);
  }

  dragEnd(): void {
    this.dragging = null;
    this.over = null;
  }

  /** What the server says the card may do now, asked once per card until it moves. */
  async #availability(id: string): Promise<Availability | undefined> {
    const known = this.options.get(id);
    if (known) return known;
    try {
      const response = await fetch(`${this.#board().path}/events?id=${encodeURIComponent(id)}`);
      if (!response.ok) return undefined;
      const list = (await response.json()) as Array<{ event: string; available: boolean; reason?: string }>;
      const found: Availability = new Map(list.map((o) => [o.event, o]));
      this.options.set(id, found);
      return found;
    } catch {
      return undefined;
    }
  }

  #label(state: string): string {
    return this.#board().process.stateLabels[state] ?? state;
  }

  #about(card: Card) {
    return { id: card.id, title: card.title, from: card.state };
  }

  #refuse(card: Card, reason: string): void {
    const { t } = this.#board();
    this.notice = {
      kind: "error",
      text: t("board.refused", { title: card.title, from: this.#label(card.state), reason }),
    };
  }

  /**
   * Puts the focus back on a card's link, in the column it is in now: while
   * it crosses over, the copy leaving the column it came from has the same
   * id, and focusing that one would lose the focus when it goes.
   */
  async #focusCard(id: string): Promise<void> {
    await tick();
    const state = this.#board().cards.find((c) => c.id === id)?.state;
    const column = state ? document.getElementById(`column-${state}`)?.closest("section") : null;
    const link = column?.querySelector<HTMLElement>(`[id="card-${id}"]`) ?? document.getElementById(`card-${id}`);
    link?.focus();
  }
}
