package main

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// A template is text with ${name} placeholders, compiled once and rendered by
// appending to a byte slice (the publisher renders one per event). Names:
//
//	base      the target's base URL, e.g. http://127.0.0.1:8080
//	userId    the stream's user, or the event's recipient
//	token     that user's token
//	email     that user's email
//	pubToken  the publisher's (admin) token
//	seq       the event's sequence number (publish only)
//	sentAtNs  wall-clock nanoseconds when the request is written (publish only)
//	slot      the stream's index among its user's streams
//
// "$$" is a literal "$".
type template struct {
	src  string
	segs []segment
}

type segment struct {
	lit string
	v   varName // 0: literal
}

type varName int

const (
	varNone varName = iota
	varBase
	varUserID
	varToken
	varEmail
	varPubToken
	varSeq
	varSentAtNs
	varSlot
)

var varNames = map[string]varName{"base": varBase, "userId": varUserID, "token": varToken, "email": varEmail,
	"pubToken": varPubToken, "seq": varSeq, "sentAtNs": varSentAtNs, "slot": varSlot}

// vars are the values of one rendering.
type vars struct {
	Base, UserID, Token, Email, PubToken string
	Seq                                  uint64
	SentAtNs                             int64
	Slot                                 int
}

func compileTemplate(src string) (*template, error) {
	t := &template{src: src}
	var lit strings.Builder
	for i := 0; i < len(src); i++ {
		c := src[i]
		if c != '$' || i+1 >= len(src) {
			lit.WriteByte(c)
			continue
		}
		switch src[i+1] {
		case '$':
			lit.WriteByte('$')
			i++
		case '{':
			end := strings.IndexByte(src[i+2:], '}')
			if end < 0 {
				return nil, fmt.Errorf("template %q: unclosed ${ at %d", src, i)
			}
			name := src[i+2 : i+2+end]
			v, ok := varNames[name]
			if !ok {
				return nil, fmt.Errorf("template %q: unknown variable ${%s}", src, name)
			}
			if lit.Len() > 0 {
				t.segs = append(t.segs, segment{lit: lit.String()})
				lit.Reset()
			}
			t.segs = append(t.segs, segment{v: v})
			i += 2 + end
		default:
			lit.WriteByte(c)
		}
	}
	if lit.Len() > 0 {
		t.segs = append(t.segs, segment{lit: lit.String()})
	}
	return t, nil
}

// uses reports whether the template refers to v.
func (t *template) uses(v varName) bool {
	for _, s := range t.segs {
		if s.v == v {
			return true
		}
	}
	return false
}

func (t *template) render(dst []byte, v *vars) []byte {
	for _, s := range t.segs {
		switch s.v {
		case varNone:
			dst = append(dst, s.lit...)
		case varBase:
			dst = append(dst, v.Base...)
		case varUserID:
			dst = append(dst, v.UserID...)
		case varToken:
			dst = append(dst, v.Token...)
		case varEmail:
			dst = append(dst, v.Email...)
		case varPubToken:
			dst = append(dst, v.PubToken...)
		case varSeq:
			dst = strconv.AppendUint(dst, v.Seq, 10)
		case varSentAtNs:
			dst = strconv.AppendInt(dst, v.SentAtNs, 10)
		case varSlot:
			dst = strconv.AppendInt(dst, int64(v.Slot), 10)
		}
	}
	return dst
}

// requestTemplate is one end of a hub: method, URL, headers and body.
type requestTemplate struct {
	method  string
	url     *template
	headers []headerTemplate
	body    *template // nil: no body
}

type headerTemplate struct {
	name  string
	value *template
}

// newRequestTemplate compiles "Name: value" header lines and an optional body.
func newRequestTemplate(method, rawURL string, headers []string, body string) (*requestTemplate, error) {
	rt := &requestTemplate{method: method}
	var err error
	if rt.url, err = compileTemplate(rawURL); err != nil {
		return nil, err
	}
	for _, h := range headers {
		name, value, ok := strings.Cut(h, ":")
		name = strings.TrimSpace(name)
		if !ok || name == "" || strings.ContainsAny(name, " \r\n") {
			return nil, fmt.Errorf("header %q: want \"Name: value\"", h)
		}
		vt, err := compileTemplate(strings.TrimSpace(value))
		if err != nil {
			return nil, err
		}
		rt.headers = append(rt.headers, headerTemplate{name: name, value: vt})
	}
	if body != "" {
		if rt.body, err = compileTemplate(body); err != nil {
			return nil, err
		}
	}
	return rt, nil
}

// render writes the whole HTTP/1.1 request (head and body) to dst. scratch is
// reused for the URL and body; both returned slices are to be kept by the caller
// for reuse.
func (rt *requestTemplate) render(dst, scratch []byte, v *vars) (req, scratchOut []byte, err error) {
	return rt.finish(dst, scratch, v, -1, nil)
}

// batchWrap holds a batch's items: FleetMan's POST /notifications/batch body.
var batchWrap = [2]string{`{"items":[`, `]}`}

// renderBatch is render with a body of n items, the body template rendered
// for each after set(k, v) (k = 0..n-1), comma-separated inside batchWrap.
func (rt *requestTemplate) renderBatch(dst, scratch []byte, v *vars, n int, set func(k int, v *vars)) (req, scratchOut []byte, err error) {
	if rt.body == nil {
		return dst, scratch, fmt.Errorf("a batch needs a body template")
	}
	return rt.finish(dst, scratch, v, n, set)
}

// finish writes the request for render (n < 0: one body) and renderBatch.
func (rt *requestTemplate) finish(dst, scratch []byte, v *vars, n int, set func(k int, v *vars)) (req, scratchOut []byte, err error) {
	scratch = rt.url.render(scratch[:0], v)
	u, err := url.Parse(string(scratch))
	if err != nil || u.Host == "" {
		return dst, scratch, fmt.Errorf("url %q: want http://host:port/path", scratch)
	}
	path := u.RequestURI()
	dst = append(dst, rt.method...)
	dst = append(dst, ' ')
	dst = append(dst, path...)
	dst = append(dst, " HTTP/1.1\r\nHost: "...)
	dst = append(dst, u.Host...)
	dst = append(dst, "\r\n"...)
	for _, h := range rt.headers {
		dst = append(dst, h.name...)
		dst = append(dst, ": "...)
		dst = h.value.render(dst, v)
		dst = append(dst, "\r\n"...)
	}
	if rt.body != nil && n >= 0 {
		scratch = append(scratch[:0], batchWrap[0]...)
		for k := range n {
			if k > 0 {
				scratch = append(scratch, ',')
			}
			set(k, v)
			scratch = rt.body.render(scratch, v)
		}
		scratch = append(scratch, batchWrap[1]...)
		dst = append(dst, "Content-Length: "...)
		dst = strconv.AppendInt(dst, int64(len(scratch)), 10)
		dst = append(dst, "\r\n\r\n"...)
		dst = append(dst, scratch...)
	} else if rt.body != nil {
		scratch = rt.body.render(scratch[:0], v)
		dst = append(dst, "Content-Length: "...)
		dst = strconv.AppendInt(dst, int64(len(scratch)), 10)
		dst = append(dst, "\r\n\r\n"...)
		dst = append(dst, scratch...)
	} else {
		dst = append(dst, "\r\n"...)
	}
	return dst, scratch, nil
}
