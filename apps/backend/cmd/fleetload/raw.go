package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"hash/maphash"
	"io"
	"net"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// rawServer is the ceiling the project is measured against: the least a Go
// server can do to serve the same load. It speaks just enough HTTP/1.1 for the
// tool's two ends and keeps no goroutine or buffer per stream:
//
//   - GET (any path): a stream for the user named by the Bearer token's "sub"
//     (read, not verified) or by ?user=; it writes a pre-encoded response head
//     and "connected" event, registers the bare connection and returns.
//   - POST (any path): reads the JSON body, finds "userId", and writes one
//     pre-encoded frame (event: notification, id, data: body) straight to that
//     user's connections; answers 201.
//
// No auth, no persistence, no per-stream queue: a figure of the project over
// the same figure of this server is the cost of everything the project does.
type rawServer struct {
	ln     net.Listener
	seed   maphash.Seed
	shards [64]rawShard
	seq    atomic.Uint64
	wg     sync.WaitGroup

	Streams   atomic.Int64
	Delivered atomic.Int64
	Dropped   atomic.Int64
}

type rawShard struct {
	mu    sync.Mutex
	users map[string][]*rawStream
}

type rawStream struct {
	mu   sync.Mutex
	conn net.Conn
	dead bool
}

const rawStreamHead = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n" +
	"X-Accel-Buffering: no\r\nConnection: keep-alive\r\n\r\nretry: 3000\n\nevent: connected\ndata: {}\n\n"

func newRawServer(ln net.Listener) *rawServer {
	s := &rawServer{ln: ln, seed: maphash.MakeSeed()}
	for i := range s.shards {
		s.shards[i].users = map[string][]*rawStream{}
	}
	return s
}

func (s *rawServer) shard(user string) *rawShard {
	return &s.shards[maphash.String(s.seed, user)%uint64(len(s.shards))]
}

// serve accepts until ctx ends, then closes every connection.
func (s *rawServer) serve(ctx context.Context) error {
	go func() {
		<-ctx.Done()
		s.ln.Close()
	}()
	for {
		c, err := s.ln.Accept()
		if err != nil {
			if ctx.Err() != nil {
				s.closeAll()
				s.wg.Wait()
				return nil
			}
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				time.Sleep(5 * time.Millisecond)
				continue
			}
			return err
		}
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			s.handle(c)
		}()
	}
}

func (s *rawServer) closeAll() {
	for i := range s.shards {
		sh := &s.shards[i]
		sh.mu.Lock()
		for _, list := range sh.users {
			for _, st := range list {
				st.conn.Close()
			}
		}
		clear(sh.users)
		sh.mu.Unlock()
	}
}

// handle serves one connection: requests until a stream takes it over.
func (s *rawServer) handle(c net.Conn) {
	br := bufio.NewReaderSize(c, 4096)
	var body []byte
	for {
		method, target, auth, length, err := readRequestHead(br)
		if err != nil {
			c.Close()
			return
		}
		if method == "GET" {
			user := userFromRequest(target, auth)
			if user == "" {
				_, _ = io.WriteString(c, "HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
				c.Close()
				return
			}
			if _, err := io.WriteString(c, rawStreamHead); err != nil {
				c.Close()
				return
			}
			sh := s.shard(user)
			sh.mu.Lock()
			sh.users[user] = append(sh.users[user], &rawStream{conn: c})
			sh.mu.Unlock()
			s.Streams.Add(1)
			return // no goroutine stays with the stream
		}
		if length < 0 || length > 1<<20 {
			_, _ = io.WriteString(c, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
			c.Close()
			return
		}
		if int64(cap(body)) < length {
			body = make([]byte, length)
		}
		body = body[:length]
		if _, err := io.ReadFull(br, body); err != nil {
			c.Close()
			return
		}
		status := "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"
		if user := stringAfter(body, `"userId"`); user == "" {
			status = "HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"
		} else {
			s.publish(user, body)
		}
		if _, err := io.WriteString(c, status); err != nil {
			c.Close()
			return
		}
	}
}

// publish encodes the frame once and writes it to each of the user's streams.
func (s *rawServer) publish(user string, body []byte) {
	frame := make([]byte, 0, len(body)+64)
	frame = append(frame, "event: notification\nid: "...)
	frame = strconv.AppendUint(frame, s.seq.Add(1), 10)
	frame = append(frame, "\ndata: "...)
	frame = append(frame, bytes.ReplaceAll(body, []byte("\n"), []byte(" "))...)
	frame = append(frame, "\n\n"...)

	sh := s.shard(user)
	sh.mu.Lock()
	list := sh.users[user]
	sh.mu.Unlock()
	dead := false
	for _, st := range list {
		st.mu.Lock()
		if !st.dead {
			_ = st.conn.SetWriteDeadline(time.Now().Add(2 * time.Second))
			if _, err := st.conn.Write(frame); err != nil {
				st.dead = true
				st.conn.Close()
				s.Dropped.Add(1)
			} else {
				s.Delivered.Add(1)
			}
		}
		dead = dead || st.dead
		st.mu.Unlock()
	}
	if dead {
		sh.mu.Lock()
		kept := sh.users[user][:0]
		for _, st := range sh.users[user] {
			if !st.dead {
				kept = append(kept, st)
			} else {
				s.Streams.Add(-1)
			}
		}
		if len(kept) == 0 {
			delete(sh.users, user)
		} else {
			sh.users[user] = kept
		}
		sh.mu.Unlock()
	}
}

// readRequestHead reads a request line and the two headers the raw server uses.
func readRequestHead(br *bufio.Reader) (method, target, auth string, length int64, err error) {
	line, err := br.ReadSlice('\n')
	if err != nil {
		return "", "", "", 0, err
	}
	parts := bytes.Fields(line)
	if len(parts) != 3 {
		return "", "", "", 0, errors.New("bad request line")
	}
	method, target, length = string(parts[0]), string(parts[1]), -1
	if method == "GET" {
		length = 0
	}
	for {
		line, err = br.ReadSlice('\n')
		if err != nil {
			return "", "", "", 0, err
		}
		line = bytes.TrimRight(line, "\r\n")
		if len(line) == 0 {
			return method, target, auth, length, nil
		}
		name, value, _ := bytes.Cut(line, []byte(":"))
		value = bytes.TrimSpace(value)
		switch {
		case asciiEqualFold(name, "authorization"):
			auth = string(value)
		case asciiEqualFold(name, "content-length"):
			if length, err = strconv.ParseInt(string(value), 10, 64); err != nil {
				return "", "", "", 0, errors.New("bad content-length")
			}
		}
	}
}

// userFromRequest takes ?user= or the (unverified) "sub" of a Bearer JWT.
func userFromRequest(target, auth string) string {
	if _, q, ok := bytes.Cut([]byte(target), []byte("user=")); ok {
		if i := bytes.IndexByte(q, '&'); i >= 0 {
			q = q[:i]
		}
		return string(q)
	}
	tok, ok := bytes.CutPrefix([]byte(auth), []byte("Bearer "))
	if !ok {
		return ""
	}
	parts := bytes.Split(tok, []byte("."))
	if len(parts) != 3 {
		return ""
	}
	payload, err := base64.RawURLEncoding.DecodeString(string(parts[1]))
	if err != nil {
		return ""
	}
	var c struct {
		Sub string `json:"sub"`
	}
	if json.Unmarshal(payload, &c) != nil {
		return ""
	}
	return c.Sub
}

// stringAfter returns the JSON string value of key ("" if absent).
func stringAfter(data []byte, key string) string {
	i := bytes.Index(data, []byte(key))
	if i < 0 {
		return ""
	}
	rest := bytes.TrimLeft(data[i+len(key):], " :")
	if len(rest) == 0 || rest[0] != '"' {
		return ""
	}
	end := bytes.IndexByte(rest[1:], '"')
	if end < 0 {
		return ""
	}
	return string(rest[1 : 1+end])
}
