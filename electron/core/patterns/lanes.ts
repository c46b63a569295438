import type { ActorId, LanesPanel, Message, Tone } from '../../../shared/model';

type Lane = LanesPanel['lanes'][number];
type Style = Lane['spans'][number]['style'];

/**
 * Builds a lanes panel as a pattern's steps go: each thing that happened is
 * a moment on the axis; an actor's span opens at one moment and closes at a
 * later one; marks sit on one moment. Overlaps of solid spans are counted
 * when the panel is drawn, from the spans, never declared.
 */
export class LaneLog {
  private readonly moments: Message[] = [];
  private readonly lanes: Lane[];

  constructor(actors: { actor: ActorId; name: Message }[]) {
    this.lanes = actors.map(({ actor, name }) => ({ actor, name, spans: [], marks: [] }));
  }

  /** A new moment on the axis; what follows (open, close, mark) happens at it. */
  moment(label: Message): number {
    this.moments.push(label);
    return this.moments.length - 1;
  }

  private lane(actor: ActorId): Lane {
    const lane = this.lanes.find((l) => l.actor === actor);
    if (!lane) throw new Error(`No lane for ${actor}`);
    return lane;
  }

  private get now(): number {
    return Math.max(0, this.moments.length - 1);
  }

  open(actor: ActorId, style: Style, label: Message, tone?: Tone): void {
    this.lane(actor).spans.push({ from: this.now, to: null, label, tone, style });
  }

  /** Closes the actor's open span of that style at the current moment; false when none was open. */
  close(actor: ActorId, style: Style): boolean {
    const span = this.lane(actor).spans.find((s) => s.style === style && s.to === null);
    if (!span) return false;
    span.to = this.now;
    return true;
  }

  isOpen(actor: ActorId, style: Style): boolean {
    return this.lane(actor).spans.some((s) => s.style === style && s.to === null);
  }

  mark(actor: ActorId, label: Message, tone?: Tone): void {
    this.lane(actor).marks.push({ at: this.now, label, tone });
  }

  /** How many solid spans cover each moment. */
  private coverage(): number[] {
    const last = this.moments.length - 1;
    const counts = this.moments.map(() => 0);
    for (const lane of this.lanes) {
      for (const span of lane.spans) {
        if (span.style !== 'solid') continue;
        for (let i = span.from; i <= (span.to ?? last); i++) counts[i]++;
      }
    }
    return counts;
  }

  /** The most solid spans that covered one moment: 2 means two actors were inside at once. */
  peak(): number {
    return Math.max(0, ...this.coverage());
  }

  panel(title: Message, legend: LanesPanel['legend'], overlapLabel: (count: number) => Message): LanesPanel {
    const overlaps: LanesPanel['overlaps'] = [];
    this.coverage().forEach((count, i) => {
      const last = overlaps.at(-1);
      if (count < 2) return;
      if (last && last.to === i - 1 && last.count === count) last.to = i;
      else overlaps.push({ from: i, to: i, count, label: overlapLabel(count) });
    });
    return {
      kind: 'lanes',
      title,
      moments: [...this.moments],
      lanes: this.lanes.map((l) => ({ ...l, spans: l.spans.map((s) => ({ ...s })), marks: [...l.marks] })),
      overlaps,
      legend,
    };
  }
}
