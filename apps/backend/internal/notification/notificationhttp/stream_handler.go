package notificationhttp

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/fleetman/fleetman/apps/backend/internal/notification/events"
	"github.com/fleetman/fleetman/apps/backend/internal/notification/hub"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/auth"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/httperr"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/sse"
	"github.com/fleetman/fleetman/packages/domain"
)

// replayPage is how many stored notifications one replay query reads.
const replayPage = 256

// streamEvents godoc
//
//	@Summary		The live notification stream (Server-Sent Events)
//	@Description	text/event-stream. First retry and a connected event ({connectionId, serverTime}); then, with a Last-Event-ID header or lastEventId query, every stored notification after that id, oldest first — or, when that id is no longer stored (purged by NOTIFICATION_TTL or deleted) or is not an id of ours, a reset event ({reason: gone|invalid}) instead: the client must refetch its inbox and counts; then unread-count ({count}); then live notification (id = notification id), notification.read ({ids} or {all: true}), notification.unread ({ids}), notification.archived ({ids}), notification.deleted ({ids}) and unread-count events, in id order (a stream never receives an id lower than one it already has; ids are unique, so a client may drop duplicates by id); announcements without an id (nothing stored or replayed: a client that reconnects refetches): notification.preferences ({updatedAt}: refetch the preferences), message.read ({conversationWith, upToMessageId, readAt}: the reader conversationWith read every message the caller sent them up to and including upToMessageId), fleet.changed ({reason, machineIds}), import.progress and import.finished ({id, status, total, processed, created, updated, skipped, failed, reason?, finishedAt}); ": heartbeat" comments on an interval, and shutdown before a graceful stop. Authenticates by the HttpOnly cookie (EventSource withCredentials) or Bearer. A user's open streams are capped (429); a client that cannot keep up is disconnected.
//	@Tags			notifications
//	@Produce		text/event-stream
//	@Security		BearerAuth
//	@Param			Last-Event-ID	header		string	false	"id of the last notification received: replay what came after"
//	@Param			lastEventId		query		string	false	"the same, for clients that cannot set headers"
//	@Success		200				{string}	string	"the event stream"
//	@Failure		401				{object}	httperr.UnauthenticatedBody
//	@Failure		429				{object}	httperr.Body	"too many open streams for this user"
//	@Failure		503				{object}	httperr.Body	"the server is shutting down"
//	@Router			/notifications/stream [get]
func (h *Handler) streamEvents(c *gin.Context) {
	userID := auth.UserID(c)
	lastID := strings.TrimSpace(c.GetHeader("Last-Event-ID"))
	if lastID == "" {
		lastID = strings.TrimSpace(c.Query("lastEventId"))
	}
	if err := h.hub.Admit(userID); err != nil {
		_ = c.Error(h.refusal(err))
		return
	}
	hdr := c.Writer.Header()
	hdr.Set("Content-Type", "text/event-stream")
	hdr.Set("Cache-Control", "no-cache")
	hdr.Set("X-Accel-Buffering", "no")

	conn, head, fallback, err := h.takeConnection(c)
	if err != nil {
		h.log.Warn("stream: connection not taken over", "err", err)
		return
	}
	s, err := h.hub.AttachSession(userID, auth.PrincipalOf(c).SessionID, conn)
	if err != nil { // lost a race for the last slot, or shutting down
		if head != nil {
			writeRawError(conn, h.refusal(err))
		}
		_ = conn.Close()
		return
	}
	h.start(c.Request.Context(), s, conn, head, lastID)
	if fallback != nil { // this goroutine holds the response until the stream ends
		select {
		case <-fallback.Done():
		case <-c.Request.Context().Done():
		}
		s.Close()
	}
}

func (h *Handler) refusal(err error) error {
	if errors.Is(err, hub.ErrShuttingDown) {
		return httperr.Unavailable("the server is shutting down", h.stream.Retry)
	}
	return httperr.RateLimited(fmt.Sprintf("at most %d open streams per user", h.hub.Config().MaxStreamsPerUser),
		max(h.stream.Retry, time.Second))
}

// takeConnection hijacks the connection after auth, so that an open stream
// keeps no net/http goroutine or buffers; head is the response head to write.
// Where hijacking is impossible (HTTP/2), the response writer is used instead
// and fallback is set.
func (h *Handler) takeConnection(c *gin.Context) (hub.Conn, []byte, *hub.ResponseConn, error) {
	netConn, rw, err := hijack(c)
	if err != nil {
		c.Status(http.StatusOK)
		c.Writer.WriteHeaderNow()
		c.Writer.Flush()
		fb := hub.NewResponseConn(c.Writer, c.Request)
		return fb, nil, fb, nil
	}
	if rw != nil && rw.Writer.Buffered() > 0 {
		_ = netConn.Close()
		return nil, nil, nil, errors.New("unexpected buffered output")
	}
	var head bytes.Buffer
	head.WriteString("HTTP/1.1 200 OK\r\n")
	hdr := c.Writer.Header().Clone()
	hdr.Set("Connection", "close") // the body ends when the connection does
	hdr.Set("Date", time.Now().UTC().Format(http.TimeFormat))
	_ = hdr.Write(&head)
	head.WriteString("\r\n")
	return hub.NewNetConn(netConn, 2*h.hub.Config().Heartbeat+10*time.Second), head.Bytes(), nil, nil
}

// hijack takes the connection of an HTTP/1 request. (HTTP/2 streams cannot
// be taken, and gin's writer panics instead of failing when asked to.)
func hijack(c *gin.Context) (conn net.Conn, rw *bufio.ReadWriter, err error) {
	if c.Request.ProtoMajor != 1 {
		return nil, nil, errors.New("not HTTP/1")
	}
	defer func() {
		if r := recover(); r != nil {
			conn, rw, err = nil, nil, fmt.Errorf("hijack: %v", r)
		}
	}()
	return c.Writer.Hijack()
}

// start writes the preamble, then either the replay (with a Last-Event-ID
// the store still holds) or a reset event (one it no longer holds, or not an
// id of ours: the client must refetch), then the unread count, and lets live
// events flow from the stream's position. Live events published meanwhile
// wait in the stream's queue; GoLive drops those the stream has, by seq.
// The user's head is read before the replay: a notification stored between
// the two reads is in the replay, so the position never skips one.
func (h *Handler) start(reqCtx context.Context, s *hub.Stream, conn hub.Conn, head []byte, lastID string) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(reqCtx), 30*time.Second)
	defer cancel()
	fail := func(what string, err error) {
		h.log.Error("stream: "+what, "user", s.UserID(), "err", err)
		s.Close()
	}
	top, err := h.source.Head(ctx, s.UserID())
	if err != nil {
		if head != nil { // nothing is written yet: the client gets the error's answer
			writeRawError(conn, err)
		}
		fail("head", err)
		return
	}
	// connected goes out after the head is read: every notification stored
	// after the client sees it is above the position, so it comes live (one
	// stored between the attach and the head read is in the inbox the client
	// fetches on connected, or in the replay).
	connected, _ := json.Marshal(events.ConnectedDTO{ConnectionID: s.ConnectionID(), ServerTime: time.Now().UTC()})
	preamble := sse.AppendRetry(head, h.stream.Retry)
	preamble = sse.AppendEvent(preamble, sse.Event{Name: events.Connected, Data: connected})
	if err := s.WriteDirect(preamble); err != nil {
		return
	}
	pos := hub.Position{Seq: top.Seq, ID: top.LastID}
	count := top.Unread
	if lastID != "" {
		reason := ""
		if !domain.ValidID(lastID) {
			reason = events.ResetInvalid
		} else if held, err := h.source.Has(ctx, s.UserID(), lastID); err != nil {
			fail("replay lookup", err)
			return
		} else if !held {
			reason = events.ResetGone
		}
		if reason != "" {
			data, _ := json.Marshal(events.ResetDTO{Reason: reason})
			// Counted before it is written: a client that has read the reset
			// must find it in the metric (counted after, a reader could look
			// before this goroutine ran again).
			h.hub.Metrics().Resets.Inc()
			if err := s.WriteDirect(sse.AppendEvent(nil, sse.Event{Name: events.Reset, Data: data})); err != nil {
				return
			}
		} else {
			last, n, err := h.replay(ctx, s, lastID)
			if err != nil {
				return
			}
			// The count must be the one at the replay's end: the head's,
			// when the replay ended where the head stood and the store read
			// both at once; else read again.
			if n > 0 {
				pos = last
				if last.Seq != top.Seq || !top.Exact {
					if count, err = h.source.UnreadCount(ctx, s.UserID()); err != nil {
						fail("unread count", err)
						return
					}
				}
			}
		}
	}
	data, _ := json.Marshal(events.CountDTO{Count: count})
	if err := s.WriteDirect(sse.AppendEvent(nil, sse.Event{Name: events.UnreadCount, Data: data})); err != nil {
		return
	}
	s.GoLive(pos)
}

// replay writes every stored notification after lastID, oldest first, and
// returns the position of the last one and how many it wrote.
func (h *Handler) replay(ctx context.Context, s *hub.Stream, lastID string) (hub.Position, int, error) {
	var last hub.Position
	total := 0
	for after := lastID; ; {
		items, err := h.source.Replay(ctx, s.UserID(), after, replayPage)
		if err != nil {
			h.log.Error("stream: replay failed", "user", s.UserID(), "err", err)
			s.Close()
			return last, total, err
		}
		if len(items) == 0 {
			return last, total, nil
		}
		frames := make([][]byte, len(items))
		for i, n := range items {
			data, err := events.NewNotificationDTO(n).AppendJSON(nil)
			if err != nil {
				h.log.Error("stream: encode", "err", err)
				s.Close()
				return last, total, err
			}
			frames[i] = sse.AppendEvent(nil, sse.Event{ID: n.ID(), Name: events.Notification, Data: data})
		}
		h.hub.Metrics().Replayed.Add(float64(len(items))) // before the write, as the reset count
		if err := s.WriteDirect(frames...); err != nil {
			return last, total, err
		}
		total += len(items)
		tail := items[len(items)-1]
		last = hub.Position{Seq: tail.Seq(), ID: tail.ID()}
		if len(items) < replayPage {
			return last, total, nil
		}
		after = tail.ID()
	}
}

// writeRawError answers on a hijacked connection with the API's error body.
func writeRawError(conn hub.Conn, err error) {
	status, body := httperr.Map(err)
	raw, _ := json.Marshal(body)
	var b bytes.Buffer
	fmt.Fprintf(&b, "HTTP/1.1 %d %s\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: %d\r\nConnection: close\r\n",
		status, http.StatusText(status), len(raw))
	var re *httperr.RetryError
	if errors.As(err, &re) {
		fmt.Fprintf(&b, "Retry-After: %d\r\n", max(1, int(re.RetryAfter.Seconds())))
	}
	b.WriteString("\r\n")
	b.Write(raw)
	_ = conn.WriteFrames([][]byte{b.Bytes()}, time.Now().Add(5*time.Second))
}
