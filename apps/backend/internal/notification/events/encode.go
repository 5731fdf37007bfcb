package events

import (
	"encoding/json"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"
)

// AppendJSON appends d as JSON, byte for byte what json.Marshal(d) gives,
// without reflection: every published notification is encoded twice (its
// stream event and the publisher's answer), thousands of times a second.
func (d NotificationDTO) AppendJSON(b []byte) ([]byte, error) {
	if b == nil {
		b = make([]byte, 0, d.sizeHint())
	}
	b = append(b, `{"id":`...)
	b = appendString(b, d.ID)
	b = append(b, `,"userId":`...)
	b = appendString(b, d.UserID)
	b = append(b, `,"type":`...)
	b = appendString(b, d.Type)
	b = append(b, `,"title":`...)
	b = appendString(b, d.Title)
	b = append(b, `,"message":`...)
	b = appendString(b, d.Message)
	b = append(b, `,"metadata":`...)
	if d.Metadata == nil {
		b = append(b, "null"...)
	} else {
		var err error
		if b, err = appendMetadata(b, d.Metadata); err != nil {
			return nil, err
		}
	}
	b = append(b, `,"actionUrl":`...)
	if d.ActionURL == nil {
		b = append(b, "null"...)
	} else {
		b = appendString(b, *d.ActionURL)
	}
	b = append(b, `,"priority":`...)
	b = appendString(b, d.Priority)
	b = append(b, `,"source":`...)
	b = appendString(b, d.Source)
	b = append(b, `,"read":`...)
	b = strconv.AppendBool(b, d.Read)
	b = append(b, `,"readAt":`...)
	if d.ReadAt == nil {
		b = append(b, "null"...)
	} else {
		b = appendTime(b, *d.ReadAt)
	}
	b = append(b, `,"createdAt":`...)
	b = appendTime(b, d.CreatedAt)
	b = append(b, `,"archivedAt":`...)
	if d.ArchivedAt == nil {
		b = append(b, "null"...)
	} else {
		b = appendTime(b, *d.ArchivedAt)
	}
	return append(b, '}'), nil
}

// sizeHint is about what AppendJSON writes for d (escapes aside), so that
// encoding into a new buffer allocates it once instead of growing it.
func (d NotificationDTO) sizeHint() int {
	n := 256 + len(d.ID) + len(d.UserID) + len(d.Type) + len(d.Title) + len(d.Message) + len(d.Priority) + len(d.Source)
	if d.ActionURL != nil {
		n += len(*d.ActionURL)
	}
	return n + 64*len(d.Metadata)
}

// MarshalJSON implements json.Marshaler with AppendJSON.
func (d NotificationDTO) MarshalJSON() ([]byte, error) { return d.AppendJSON(nil) }

// appendMetadata writes m as json.Marshal does: keys sorted, and for a map
// of strings, booleans and nulls (what integrations mostly send) without
// reflection; any other value (numbers, nesting) goes through encoding/json.
func appendMetadata(b []byte, m map[string]any) ([]byte, error) {
	var keys [16]string
	sorted := keys[:0]
	for k, v := range m {
		switch v.(type) {
		case string, bool, nil:
		default:
			meta, err := json.Marshal(m)
			if err != nil {
				return nil, err
			}
			return append(b, meta...), nil
		}
		sorted = append(sorted, k)
	}
	slices.Sort(sorted)
	b = append(b, '{')
	for i, k := range sorted {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(appendString(b, k), ':')
		switch v := m[k].(type) {
		case string:
			b = appendString(b, v)
		case bool:
			b = strconv.AppendBool(b, v)
		default:
			b = append(b, "null"...)
		}
	}
	return append(b, '}'), nil
}

// appendString quotes s as encoding/json does: plain printable ASCII is
// copied; anything it escapes (quotes, backslashes, control characters,
// <, > and &, non-ASCII that may need it) goes through encoding/json itself.
func appendString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c >= utf8.RuneSelf || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			q, _ := json.Marshal(s) // a string always encodes
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// appendTime writes t as time.Time's MarshalJSON does (RFC 3339 with
// nanoseconds, quoted).
func appendTime(b []byte, t time.Time) []byte {
	b = append(b, '"')
	b = t.AppendFormat(b, time.RFC3339Nano)
	return append(b, '"')
}
