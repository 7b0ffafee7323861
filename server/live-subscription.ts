// The one way a route turns a Redis channel into an event stream: open the SSE response,
// subscribe before anything is read (so nothing published after is missed), hand every valid
// live event to the route, and unsubscribe when the client goes.
import type { Request, Response } from 'express';
import { LiveEventSchema, type LiveEvent } from '../core/submission.js';
import type { EventHub } from './event-hub.js';
import type { SseRegistry, SseStream } from './http/sse.js';

export async function openLiveSubscription(
  req: Request,
  res: Response,
  live: { sse: SseRegistry; hub: EventHub },
  channel: string,
  /** What the stream counts against (the link's token hash). */
  key: string,
  onEvent: (event: LiveEvent, stream: SseStream) => void,
): Promise<SseStream> {
  let unsubscribe = (): void => undefined;
  const stream = await live.sse.open(req, res, key, () => unsubscribe());
  unsubscribe = await live.hub.subscribe(channel, (message) => {
    const event = LiveEventSchema.safeParse(JSON.parse(message));
    if (!event.success) {
      req.log.warn({ channel, issues: event.error.issues.slice(0, 3) }, 'live event does not parse; dropped');
      return;
    }
    onEvent(event.data, stream);
  });
  // The client may have gone while the subscription was being confirmed.
  if (stream.closed) unsubscribe();
  return stream;
}
