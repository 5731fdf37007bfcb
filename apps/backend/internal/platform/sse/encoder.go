// Package sse frames server-sent events per the WHATWG HTML standard
// ("Server-sent events", the event stream format) and parses them back.
//
// The encoder writes UTF-8 only: invalid UTF-8 in a field is replaced by
// U+FFFD (as bytes.ToValidUTF8 does). The format has no escape: a data value
// is split into one "data:" line per line, at LF, CR or CRLF, and a parser
// joins them with LF, so CR and CRLF in data read back as LF; every other
// character (NUL included) reads back as written. An id or event name cannot
// hold a line break, and a parser ignores an id that holds NUL: those
// characters are removed from ids and names.
package sse

import (
	"bytes"
	"strconv"
	"time"
	"unicode/utf8"
)

// Event is one server-sent event.
type Event struct {
	ID   string // sets the client's last event id; none when empty
	Name string // the event type; "message" (the default) when empty
	Data []byte // any text; an event is always dispatched, even with empty data
}

// AppendEvent appends e's frame (ending with the blank line that dispatches
// it) to dst and returns the extended buffer.
func AppendEvent(dst []byte, e Event) []byte {
	if e.ID != "" {
		dst = append(dst, "id: "...)
		dst = appendField(dst, e.ID)
		dst = append(dst, '\n')
	}
	if e.Name != "" {
		dst = append(dst, "event: "...)
		dst = appendField(dst, e.Name)
		dst = append(dst, '\n')
	}
	dst = appendData(dst, e.Data)
	return append(dst, '\n')
}

// AppendRetry appends a frame that sets the client's reconnection time.
func AppendRetry(dst []byte, d time.Duration) []byte {
	dst = append(dst, "retry: "...)
	dst = strconv.AppendInt(dst, max(d.Milliseconds(), 0), 10)
	return append(dst, "\n\n"...)
}

// AppendComment appends a comment frame (": text" and a blank line), which
// clients ignore; it keeps idle connections open through proxies.
func AppendComment(dst []byte, text string) []byte {
	dst = append(dst, ": "...)
	dst = appendField(dst, text)
	return append(dst, "\n\n"...)
}

// appendField appends s without CR, LF and NUL, with invalid UTF-8 replaced.
func appendField(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c != '\r' && c != '\n' && c != 0 {
				dst = append(dst, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			// Replace the whole invalid run with one U+FFFD, as bytes.ToValidUTF8 does.
			for i < len(s) && s[i] >= utf8.RuneSelf {
				if r, size = utf8.DecodeRuneInString(s[i:]); r != utf8.RuneError || size != 1 {
					break
				}
				i++
			}
			dst = utf8.AppendRune(dst, utf8.RuneError)
			continue
		}
		dst = append(dst, s[i:i+size]...)
		i += size
	}
	return dst
}

// appendData appends one "data: " line per line of data.
func appendData(dst, data []byte) []byte {
	if !utf8.Valid(data) {
		data = bytes.ToValidUTF8(data, []byte("\uFFFD"))
	}
	for {
		i := bytes.IndexAny(data, "\r\n")
		dst = append(dst, "data: "...)
		if i < 0 {
			dst = append(dst, data...)
			return append(dst, '\n')
		}
		dst = append(dst, data[:i]...)
		dst = append(dst, '\n')
		if data[i] == '\r' && i+1 < len(data) && data[i+1] == '\n' {
			i++
		}
		data = data[i+1:]
	}
}

// Normalize returns the data a conforming parser reads back from an event
// whose data was data: valid UTF-8 with CRLF and CR turned into LF.
func Normalize(data []byte) string {
	s := bytes.ToValidUTF8(data, []byte("\uFFFD"))
	s = bytes.ReplaceAll(s, []byte("\r\n"), []byte("\n"))
	return string(bytes.ReplaceAll(s, []byte("\r"), []byte("\n")))
}

// NormalizeField returns what a parser reads back from an id or name.
func NormalizeField(s string) string { return string(appendField(nil, s)) }
