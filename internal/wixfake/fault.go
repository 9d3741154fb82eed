// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package wixfake

import (
	"cmp"
	"context"
	"maps"
	"math"
	"net/http"
	"slices"
	"time"
)

// rateLimitBody is the body of an injected 429 without a Body: the
// Wix standard error shape with code RESOURCE_EXHAUSTED.
const rateLimitBody = `{"message":"Too many requests","details":{"applicationError":{"code":"RESOURCE_EXHAUSTED","description":"Resource usage was exhausted: too many requests","data":{}}}}`

// Fault replaces the normal answer to a request. See [Server.InjectFault].
type Fault struct {
	// Status is the status to answer with, such as 429, 500, 503, or 200
	// for a hostile success body. Zero means 500.
	Status int
	// Body is the raw body. Empty means a default for the status:
	// Wix's standard RESOURCE_EXHAUSTED error for 429, "{}" for 5xx, and
	// nothing otherwise.
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

// InjectFault makes the next f.Times requests whose URL path equals path get
// the fault instead of normal handling, whatever their method. Faults for
// the same path queue up: the first is used up before the next applies.
// Faulted requests are still counted and recorded.
func (s *Server) InjectFault(path string, f Fault) {
	f.Times = max(f.Times, 1)
	f.Header = maps.Clone(f.Header)
	path = faultKey(path)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults[path] = append(s.faults[path], &f)
}

// ClearFaults removes every pending fault.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.faults)
}

// faultKey is the path faults are queued under: both spellings of
// [LegacyTokenPath] share one queue.
func faultKey(path string) string {
	if path == LegacyTokenPath+"/" {
		return LegacyTokenPath
	}
	return path
}

// refuse answers r with the next fault queued for its path, or with a 404 if
// its method is none of methods, and reports whether it did.
func (s *Server) refuse(w http.ResponseWriter, r *http.Request, methods ...string) bool {
	if s.serveFault(w, r) {
		return true
	}
	if !slices.Contains(methods, r.Method) {
		writeNotFound(w)
		return true
	}
	return false
}

// serveFault answers r with the next fault queued for its path, if any, and
// reports whether it did.
func (s *Server) serveFault(w http.ResponseWriter, r *http.Request) bool {
	path := faultKey(r.URL.Path)
	s.mu.Lock()
	q := s.faults[path]
	if len(q) == 0 {
		s.mu.Unlock()
		return false
	}
	f := *q[0]
	if q[0].Times--; q[0].Times == 0 {
		s.faults[path] = q[1:]
	}
	s.mu.Unlock()

	if f.Hang {
		f.Delay = math.MaxInt64
	}
	if !s.wait(r.Context(), f.Delay) {
		return true
	}
	status := cmp.Or(f.Status, http.StatusInternalServerError)
	body := f.Body
	switch {
	case body != "":
	case status == http.StatusTooManyRequests:
		body = rateLimitBody
	case status >= 500:
		body = "{}"
	}
	for k, v := range f.Header {
		w.Header().Set(k, v)
	}
	if body != "" && w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", "application/json")
	}
	w.WriteHeader(status)
	_, _ = w.Write([]byte(body)) // the server drops it for HEAD
	return true
}

// wait sleeps for d and reports whether the request is still to be
// answered: not if the client gives up first. If the server is closed first,
// it drops the connection, so the client sees no response at all rather than
// an empty 200.
func (s *Server) wait(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	case <-s.closing:
		panic(http.ErrAbortHandler)
	}
}
