package sse

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// Parsed is an event as a WHATWG-conforming client dispatches it.
type Parsed struct {
	Type        string // "message" when the stream named none
	Data        string
	LastEventID string
}

// Parser is the one event stream parser of the project (the tests' streams
// and the load tool's, apps/backend/cmd/fleetload). It follows the WHATWG HTML
// standard's "interpreting an event stream" step by step: it decodes UTF-8 as
// the standard's decoder does (each maximal invalid subsequence becomes one
// U+FFFD), strips one leading BOM, ends lines at CRLF, LF or CR (also across
// reads), ignores comments and unknown fields, strips one space after the
// colon, ignores ids holding NUL and non-digit retry values, dispatches on a
// blank line unless the data buffer is empty, and drops an unfinished event at
// the end of the stream. Feed it bytes in chunks of any size; a run of valid
// UTF-8 is copied at once, so a stream of well-formed events costs no
// per-character work.
type Parser struct {
	OnEvent func(Parsed)
	// OnRaw is OnEvent without allocations (for the load tool): typ is
	// "message" when the stream named none; both slices are valid only
	// during the call.
	OnRaw     func(typ, data []byte)
	OnComment func(text string) // comments are ignored by clients; tests count heartbeats
	OnRetry   func(ms int)

	// Decoder state (the standard's UTF-8 decoder).
	need, seen   int
	cp           rune
	lower, upper byte
	started      bool
	afterCR      bool
	bytewise     bool // decode every byte on the slow path (the fuzz test's reference)

	line          []byte
	data          []byte
	eventType     []byte
	lastIDBuffer  []byte
	LastEventID   string // the source's last event ID string
	ReconnectTime int    // ms; 0 until a retry field sets it
}

var messageType = []byte("message")

// Feed parses the next chunk of the stream.
func (p *Parser) Feed(b []byte) {
	for len(b) > 0 {
		if p.need == 0 && p.started && !p.afterCR && !p.bytewise {
			// Fast path: the run up to the next line end, as far as it is
			// valid UTF-8, is the line's text as is.
			seg := b
			end := bytes.IndexAny(b, "\r\n")
			if end >= 0 {
				seg = b[:end]
			}
			n := validPrefix(seg)
			p.line = append(p.line, seg[:n]...)
			b = b[n:]
			if n < len(seg) || end >= 0 {
				// an invalid or unfinished sequence, or the line end: one byte the slow way
				p.decodeByte(b[0])
				b = b[1:]
			}
			continue
		}
		p.decodeByte(b[0])
		b = b[1:]
	}
}

// validPrefix is the length of the longest prefix of s made of whole, valid
// UTF-8 sequences (Go's decoder and the standard's agree on what is valid).
func validPrefix(s []byte) int {
	i := 0
	for i < len(s) {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(s[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return i
}

// decodeByte runs the WHATWG UTF-8 decoder on one byte.
func (p *Parser) decodeByte(c byte) {
	if p.need == 0 {
		switch {
		case c <= 0x7f:
			p.char(rune(c))
		case c >= 0xc2 && c <= 0xdf:
			p.need, p.cp = 1, rune(c&0x1f)
		case c >= 0xe0 && c <= 0xef:
			if c == 0xe0 {
				p.lower = 0xa0
			}
			if c == 0xed {
				p.upper = 0x9f
			}
			p.need, p.cp = 2, rune(c&0xf)
		case c >= 0xf0 && c <= 0xf4:
			if c == 0xf0 {
				p.lower = 0x90
			}
			if c == 0xf4 {
				p.upper = 0x8f
			}
			p.need, p.cp = 3, rune(c&0x7)
		default:
			p.char(utf8.RuneError)
		}
		return
	}
	lower, upper := p.lower, p.upper
	if lower == 0 {
		lower = 0x80
	}
	if upper == 0 {
		upper = 0xbf
	}
	if c < lower || c > upper {
		// The sequence so far is one error; the byte is processed again.
		p.need, p.seen, p.cp, p.lower, p.upper = 0, 0, 0, 0, 0
		p.char(utf8.RuneError)
		p.decodeByte(c)
		return
	}
	p.lower, p.upper = 0, 0
	p.cp = p.cp<<6 | rune(c&0x3f)
	p.seen++
	if p.seen == p.need {
		r := p.cp
		p.need, p.seen, p.cp = 0, 0, 0
		p.char(r)
	}
}

// char handles one decoded character: BOM, line ends, line content.
func (p *Parser) char(r rune) {
	if !p.started {
		p.started = true
		if r == '\uFEFF' {
			return
		}
	}
	if p.afterCR {
		p.afterCR = false
		if r == '\n' {
			return // the LF of a CRLF
		}
	}
	switch r {
	case '\r':
		p.afterCR = true
		p.endLine()
	case '\n':
		p.endLine()
	default:
		p.line = utf8.AppendRune(p.line, r)
	}
}

func (p *Parser) endLine() {
	line := p.line
	p.line = p.line[:0]
	if len(line) == 0 {
		p.dispatch()
		return
	}
	if line[0] == ':' {
		if p.OnComment != nil {
			p.OnComment(strings.TrimPrefix(string(line[1:]), " "))
		}
		return
	}
	field, value, found := bytes.Cut(line, []byte(":"))
	if found && len(value) > 0 && value[0] == ' ' {
		value = value[1:]
	}
	switch string(field) {
	case "event":
		p.eventType = append(p.eventType[:0], value...)
	case "data":
		p.data = append(p.data, value...)
		p.data = append(p.data, '\n')
	case "id":
		if bytes.IndexByte(value, 0) < 0 {
			p.lastIDBuffer = append(p.lastIDBuffer[:0], value...)
		}
	case "retry":
		if len(value) > 0 && len(bytes.Trim(value, "0123456789")) == 0 {
			ms := 0
			for _, d := range value {
				ms = ms*10 + int(d-'0')
				if ms > 1<<30 {
					ms = 1 << 30
				}
			}
			p.ReconnectTime = ms
			if p.OnRetry != nil {
				p.OnRetry(ms)
			}
		}
	}
}

func (p *Parser) dispatch() {
	if string(p.lastIDBuffer) != p.LastEventID {
		p.LastEventID = string(p.lastIDBuffer)
	}
	if len(p.data) == 0 {
		p.eventType = p.eventType[:0]
		return
	}
	data := p.data[:len(p.data)-1]
	typ := p.eventType
	if len(typ) == 0 {
		typ = messageType
	}
	if p.OnRaw != nil {
		p.OnRaw(typ, data)
	}
	if p.OnEvent != nil {
		p.OnEvent(Parsed{Type: string(typ), Data: string(data), LastEventID: p.LastEventID})
	}
	p.data = p.data[:0]
	p.eventType = p.eventType[:0]
}
