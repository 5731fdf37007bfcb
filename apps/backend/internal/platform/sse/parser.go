package sse

import (
	"strings"
	"unicode/utf8"
)

// Parsed is an event as a WHATWG-conforming client dispatches it.
type Parsed struct {
	Type        string // "message" when the stream named none
	Data        string
	LastEventID string
}

// Parser is an event stream parser that follows the WHATWG HTML standard's
// "interpreting an event stream" step by step: it decodes UTF-8 as the
// standard's decoder does (each maximal invalid subsequence becomes one
// U+FFFD), strips one leading BOM, ends lines at CRLF, LF or CR (also across
// reads), ignores comments and unknown fields, strips one space after the
// colon, ignores ids holding NUL and non-digit retry values, dispatches on a
// blank line unless the data buffer is empty, and drops an unfinished event at
// the end of the stream. It is written for tests (and the load client); feed
// it bytes in chunks of any size.
type Parser struct {
	OnEvent   func(Parsed)
	OnComment func(text string) // comments are ignored by clients; tests count heartbeats
	OnRetry   func(ms int)

	// Decoder state (the standard's UTF-8 decoder).
	need, seen    int
	cp            rune
	lower, upper  byte
	started       bool
	afterCR       bool
	line          strings.Builder
	data          strings.Builder
	eventType     string
	lastIDBuffer  string
	LastEventID   string // the source's last event ID string
	ReconnectTime int    // ms; 0 until a retry field sets it
}

// Feed parses the next chunk of the stream.
func (p *Parser) Feed(b []byte) {
	for _, c := range b {
		p.decodeByte(c)
	}
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
		p.line.WriteRune(r)
	}
}

func (p *Parser) endLine() {
	line := p.line.String()
	p.line.Reset()
	if line == "" {
		p.dispatch()
		return
	}
	if line[0] == ':' {
		if p.OnComment != nil {
			p.OnComment(strings.TrimPrefix(line[1:], " "))
		}
		return
	}
	field, value, found := strings.Cut(line, ":")
	if found {
		value = strings.TrimPrefix(value, " ")
	}
	switch field {
	case "event":
		p.eventType = value
	case "data":
		p.data.WriteString(value)
		p.data.WriteByte('\n')
	case "id":
		if !strings.ContainsRune(value, 0) {
			p.lastIDBuffer = value
		}
	case "retry":
		if value != "" && strings.Trim(value, "0123456789") == "" {
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
	p.LastEventID = p.lastIDBuffer
	if p.data.Len() == 0 {
		p.eventType = ""
		return
	}
	data := strings.TrimSuffix(p.data.String(), "\n")
	typ := p.eventType
	if typ == "" {
		typ = "message"
	}
	p.data.Reset()
	p.eventType = ""
	if p.OnEvent != nil {
		p.OnEvent(Parsed{Type: typ, Data: data, LastEventID: p.LastEventID})
	}
}
