package main

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"strconv"
)

// sseReader splits a text/event-stream into events (WHATWG rules: "field:
// value" lines, one space after the colon dropped, data lines joined by \n,
// comments ignored, an event dispatched at a blank line). The returned slices
// are valid until the next call.
type sseReader struct {
	r     *bufio.Reader
	event []byte
	data  []byte
	line  []byte
	has   bool // the event being built has a field
	// id is the last event ID buffer (kept across events, as EventSource
	// keeps it); retryMs the last retry: field (0: none yet).
	id      []byte
	retryMs int
}

func newSSEReader(r *bufio.Reader) *sseReader { return &sseReader{r: r} }

func (s *sseReader) readLine() ([]byte, error) {
	line, err := s.r.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) {
		s.line = append(s.line[:0], line...)
		for errors.Is(err, bufio.ErrBufferFull) {
			line, err = s.r.ReadSlice('\n')
			s.line = append(s.line, line...)
		}
		line = s.line
	}
	if err != nil {
		if err == io.EOF && len(line) > 0 {
			err = io.ErrUnexpectedEOF
		}
		return nil, err
	}
	line = line[:len(line)-1]
	if n := len(line); n > 0 && line[n-1] == '\r' {
		line = line[:n-1]
	}
	return line, nil
}

// next returns the next event's type ("message" when unnamed) and data.
func (s *sseReader) next() (event, data []byte, err error) {
	s.event, s.data, s.has = s.event[:0], s.data[:0], false
	dataLines := 0
	for {
		line, err := s.readLine()
		if err != nil {
			return nil, nil, err
		}
		if len(line) == 0 {
			if !s.has {
				continue
			}
			if len(s.event) == 0 {
				s.event = append(s.event, "message"...)
			}
			return s.event, s.data, nil
		}
		if line[0] == ':' {
			continue // comment (heartbeat)
		}
		field, value, _ := bytes.Cut(line, []byte(":"))
		if len(value) > 0 && value[0] == ' ' {
			value = value[1:]
		}
		switch string(field) {
		case "event":
			s.event = append(s.event[:0], value...)
			s.has = true
		case "data":
			if dataLines > 0 {
				s.data = append(s.data, '\n')
			}
			s.data = append(s.data, value...)
			dataLines++
			s.has = true
		case "id":
			s.id = append(s.id[:0], value...)
			s.has = true
		case "retry":
			if n, err := strconv.Atoi(string(value)); err == nil && n >= 0 {
				s.retryMs = n
			}
			s.has = true
		}
	}
}

// numberAfter finds key in data and parses the unsigned integer that follows
// it, skipping what JSON puts between a key and its value (quotes, escaped
// quotes, a colon, spaces), so that "seq":12, "seq":"12" and a payload
// embedded as a JSON string (\"seq\":\"12\") all read 12.
func numberAfter(data []byte, key string) (uint64, bool) {
	for off := 0; ; {
		i := bytes.Index(data[off:], []byte(key))
		if i < 0 {
			return 0, false
		}
		i += off
		off = i + len(key)
		// The key must be a whole JSON key: a quote right before it.
		if i == 0 || data[i-1] != '"' {
			continue
		}
		j := off
		sawColon := false
		for j < len(data) && (data[j] == '"' || data[j] == '\\' || data[j] == ' ' || (data[j] == ':' && !sawColon)) {
			sawColon = sawColon || data[j] == ':'
			j++
		}
		if !sawColon || j >= len(data) || data[j] < '0' || data[j] > '9' {
			continue
		}
		var n uint64
		for ; j < len(data) && data[j] >= '0' && data[j] <= '9'; j++ {
			n = n*10 + uint64(data[j]-'0')
		}
		return n, true
	}
}
