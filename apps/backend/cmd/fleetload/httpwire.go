package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http/httputil"
	"strconv"
)

// responseHead is what the load tool needs from an HTTP/1.1 response head.
type responseHead struct {
	status        int
	contentLength int64 // -1: unknown
	chunked       bool
	close         bool
}

// readResponseHead reads the status line and headers, without allocating a
// map: the tool parses tens of thousands of these at once.
func readResponseHead(br *bufio.Reader) (responseHead, error) {
	h := responseHead{contentLength: -1}
	line, err := br.ReadSlice('\n')
	if err != nil {
		return h, fmt.Errorf("status line: %w", err)
	}
	// "HTTP/1.1 200 OK"
	if len(line) < 12 || !bytes.HasPrefix(line, []byte("HTTP/1.")) {
		return h, fmt.Errorf("bad status line %q", bytes.TrimSpace(line))
	}
	if h.status, err = strconv.Atoi(string(line[9:12])); err != nil {
		return h, fmt.Errorf("bad status line %q", bytes.TrimSpace(line))
	}
	for {
		line, err = br.ReadSlice('\n')
		if err != nil {
			return h, fmt.Errorf("headers: %w", err)
		}
		line = bytes.TrimRight(line, "\r\n")
		if len(line) == 0 {
			return h, nil
		}
		name, value, ok := bytes.Cut(line, []byte(":"))
		if !ok {
			continue
		}
		value = bytes.TrimSpace(value)
		switch {
		case asciiEqualFold(name, "content-length"):
			if h.contentLength, err = strconv.ParseInt(string(value), 10, 64); err != nil {
				return h, fmt.Errorf("bad content-length %q", value)
			}
		case asciiEqualFold(name, "transfer-encoding"):
			h.chunked = asciiEqualFold(value, "chunked")
		case asciiEqualFold(name, "connection"):
			h.close = asciiEqualFold(value, "close")
		}
	}
}

func asciiEqualFold(b []byte, s string) bool {
	if len(b) != len(s) {
		return false
	}
	for i := range len(b) {
		c := b[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != s[i] {
			return false
		}
	}
	return true
}

// bodyReader returns the response body as a stream.
func bodyReader(br *bufio.Reader, h responseHead) io.Reader {
	switch {
	case h.chunked:
		return httputil.NewChunkedReader(br)
	case h.contentLength >= 0:
		return io.LimitReader(br, h.contentLength)
	default:
		return br // until the connection closes
	}
}

// discardBody reads a (finite) body to its end so the connection can be reused.
func discardBody(br *bufio.Reader, h responseHead) error {
	if !h.chunked && h.contentLength < 0 {
		return errors.New("response without length on a kept-alive connection")
	}
	_, err := io.Copy(io.Discard, bodyReader(br, h))
	return err
}

// readBody reads a (finite) body to its end into dst.
func readBody(br *bufio.Reader, h responseHead, dst []byte) ([]byte, error) {
	if !h.chunked && h.contentLength < 0 {
		return dst, errors.New("response without length on a kept-alive connection")
	}
	buf := bytes.NewBuffer(dst)
	_, err := buf.ReadFrom(bodyReader(br, h))
	return buf.Bytes(), err
}
