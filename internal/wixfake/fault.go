// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package wixfake

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"
)

// DefaultRateLimitBody is the body of an injected 429 without a Body: the
// Wix standard error shape with code RESOURCE_EXHAUSTED.
const DefaultRateLimitBody = `{"message":"Too many requests","details":{"applicationError":{"code":"RESOURCE_EXHAUSTED","description":"Resource usage was exhausted: too many requests","data":{}}}}`

// Fault replaces the normal answer to a request. See [Server.InjectFault].
type Fault struct {
	// Status is the status to answer with, such as 429, 500, 503, or 200
	// for a hostile success body. Zero means 500.
	Status int
	// Body is the raw body. Empty means a default for the status:
	// [DefaultRateLimitBody] for 429, "{}" for 5xx, and nothing otherwise.
	Body string
	// Header holds extra response headers, such as Retry-After,
	// Content-Type or Location. Without a Content-Type, a non-empty body is
	// sent as application/json.
	Header map[string]string
	// Times is how many requests get the fault. Zero means 1.
	Times int
	// Delay is waited before answering. The wait ends early, without an
	// answer, if the client gives up or the server is closed.
	Delay time.Duration
	// Hang never answers: the request waits until the client gives up or
	// the server is closed, and then the connection is dropped.
	Hang bool
}

type faultEntry struct {
	fault     Fault
	remaining int
}

// InjectFault makes the next f.Times requests whose URL path equals path get
// the fault instead of normal handling, whatever their method. Faults for
// the same path queue up: the first is used up before the next applies.
// Faulted requests are still counted and recorded.
func (s *Server) InjectFault(path string, f Fault) {
	n := f.Times
	if n <= 0 {
		n = 1
	}
	if f.Header != nil {
		h := make(map[string]string, len(f.Header))
		for k, v := range f.Header {
			h[k] = v
		}
		f.Header = h
	}
	path = faultKey(path)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults[path] = append(s.faults[path], &faultEntry{fault: f, remaining: n})
}

// ClearFaults removes every pending fault.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = make(map[string][]*faultEntry)
}

// takeFault consumes one use of the first fault queued for path.
func (s *Server) takeFault(path string) (Fault, bool) {
	path = faultKey(path)
	s.mu.Lock()
	defer s.mu.Unlock()
	q := s.faults[path]
	if len(q) == 0 {
		return Fault{}, false
	}
	e := q[0]
	e.remaining--
	if e.remaining <= 0 {
		q = q[1:]
		if len(q) == 0 {
			delete(s.faults, path)
		} else {
			s.faults[path] = q
		}
	}
	return e.fault, true
}

// faultKey is the path faults are queued under: both spellings of
// [LegacyTokenPath] share one queue.
func faultKey(path string) string {
	if path == LegacyTokenPath+"/" {
		return LegacyTokenPath
	}
	return path
}

// serveFault answers r with the next fault queued for its path, if any, and
// reports whether it did.
func (s *Server) serveFault(w http.ResponseWriter, r *http.Request) bool {
	f, ok := s.takeFault(r.URL.Path)
	if !ok {
		return false
	}
	if f.Hang {
		select {
		case <-r.Context().Done():
		case <-s.closing:
			abandon(errServerClosed)
		}
		return true
	}
	if err := s.wait(r.Context(), f.Delay); err != nil {
		abandon(err)
		return true
	}
	status := f.Status
	if status == 0 {
		status = http.StatusInternalServerError
	}
	body := f.Body
	if body == "" {
		switch {
		case status == http.StatusTooManyRequests:
			body = DefaultRateLimitBody
		case status >= 500:
			body = "{}"
		}
	}
	h := w.Header()
	for k, v := range f.Header {
		h.Set(k, v)
	}
	if body != "" && h.Get("Content-Type") == "" {
		h.Set("Content-Type", "application/json")
	}
	w.WriteHeader(status)
	if body != "" && !strings.EqualFold(r.Method, http.MethodHead) {
		_, _ = w.Write([]byte(body))
	}
	return true
}

// errServerClosed ends a wait when the server is closed.
var errServerClosed = errors.New("wixfake: server closed")

// wait sleeps for d. It returns ctx.Err() if the client gives up first, or
// errServerClosed if the server is closed first.
func (s *Server) wait(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	case <-s.closing:
		return errServerClosed
	}
}

// abandon ends a request that will never be answered. When the server is
// closing it drops the connection, so the client sees no response at all
// rather than an empty 200; when the client has already gone it just
// returns.
func abandon(err error) {
	if errors.Is(err, errServerClosed) {
		panic(http.ErrAbortHandler)
	}
}
