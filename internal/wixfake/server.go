// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package wixfake

import (
	"cmp"
	"errors"
	"fmt"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// Paths served by the fake.
const (
	// TokenPath is Create Access Token,
	// https://dev.wix.com/docs/rest/app-management/oauth-2/create-access-token .
	TokenPath = "/oauth2/token"
	// TokenInfoPath is Token Info,
	// https://dev.wix.com/docs/rest/app-management/oauth-2/token-info .
	TokenInfoPath = "/oauth2/token-info"
	// AppInstancePath is Get App Instance, which needs an access token,
	// https://dev.wix.com/docs/rest/app-management/app-instance/get-app-instance .
	AppInstancePath = "/apps/v1/instance"
	// statsPath reports the server's [Stats] as JSON, for use from another
	// process.
	statsPath = "/_fake/stats"
)

// ErrorShape selects how the token endpoint reports problems with an
// instance_id.
type ErrorShape int

const (
	// ShapeRFC reports unknown, foreign and uninstalled instances as 400
	// {"error":"invalid_request","error_description":"..."}.
	ShapeRFC ErrorShape = iota
	// ShapeWix reports them as a Wix standard 404 error with
	// details.applicationError.code NOT_FOUND.
	ShapeWix
)

// ParseErrorShape parses "rfc" or "wix", in any case.
func ParseErrorShape(s string) (ErrorShape, error) {
	switch strings.ToLower(s) {
	case "rfc":
		return ShapeRFC, nil
	case "wix":
		return ShapeWix, nil
	default:
		return ShapeRFC, fmt.Errorf("unknown error shape %q (want rfc or wix)", s)
	}
}

// Options configure a [Server]. The zero value serves [DefaultApps] with the
// real clock.
type Options struct {
	// Apps are the apps and Headless clients the server knows. Nil means
	// [DefaultApps]; an empty non-nil slice means no apps at all.
	Apps []App
	// Now is the server's clock. Nil means [time.Now].
	Now func() time.Time
	// Latency is added to every request to [TokenPath] and
	// [LegacyTokenPath], for benchmarks. The wait ends early if the client
	// gives up.
	Latency time.Duration
	// ErrorShape selects the shape of [TokenPath] errors about
	// instances. The default is [ShapeRFC].
	ErrorShape ErrorShape
	// InvalidClientStatus is the status of invalid_client errors on both
	// token endpoints: 401 (the default, used when zero) or 400.
	InvalidClientStatus int
	// TokenInfoNativeTypes makes token-info answer with native JSON types
	// (active true, exp and iat numbers) instead of the documented strings.
	TokenInfoNativeTypes bool
	// TokenInfoRejectExpired makes token-info answer 401 UNAUTHENTICATED for
	// an expired token instead of 200 {"active":"false"}.
	TokenInfoRejectExpired bool
}

// Server is a fake Wix API. It implements [net/http.Handler] and is safe for
// concurrent use. Create one with [New] or [NewTestServer].
type Server struct {
	opts        Options
	now         func() time.Time
	apps        map[string]*appEntry
	credentials map[string]*credential // by refresh token or authorization code
	codesExpire time.Time

	closing   chan struct{} // closed by Close, to end waits
	closeOnce sync.Once

	mu            sync.Mutex // guards the fields below
	tokenRequests int
	issued        []string
	tokens        map[string]IssuedToken
	tokenLog      []TokenRequestRecord
	protected     []ProtectedCall
	faults        map[string][]*Fault
	srv           *http.Server
	url           string
	serveDone     chan struct{}
}

// appEntry is an app with its instances by ID.
type appEntry struct {
	App
	instances map[string]Instance
}

// New returns a server for opts. It panics if the apps fail [ValidateApps],
// since that is a bug in the fixtures.
func New(opts Options) *Server {
	apps := opts.Apps
	if apps == nil {
		apps = DefaultApps()
	}
	if err := ValidateApps(apps); err != nil {
		panic("wixfake: " + err.Error())
	}
	opts.InvalidClientStatus = cmp.Or(opts.InvalidClientStatus, http.StatusUnauthorized)
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	opts.Apps = nil // copied below
	s := &Server{
		opts:        opts,
		now:         now,
		apps:        make(map[string]*appEntry, len(apps)),
		credentials: make(map[string]*credential),
		codesExpire: now().Add(authCodeLifetime),
		closing:     make(chan struct{}),
		tokens:      make(map[string]IssuedToken),
		faults:      make(map[string][]*Fault),
	}
	for _, a := range apps {
		// Copy every slice: the caller may change its fixtures later.
		e := &appEntry{App: a, instances: make(map[string]Instance, len(a.Instances))}
		e.Instances = nil // looked up through e.instances
		e.Permissions = slices.Clone(a.Permissions)
		e.Site.InstalledWixApps = slices.Clone(a.Site.InstalledWixApps)
		for _, in := range a.Instances {
			in.Permissions = slices.Clone(in.Permissions)
			in.Site.InstalledWixApps = slices.Clone(in.Site.InstalledWixApps)
			e.instances[in.InstanceID] = in
			if in.RefreshToken != "" {
				s.credentials[in.RefreshToken] = &credential{app: e, inst: in}
			}
			for _, code := range in.AuthCodes {
				s.credentials[code] = &credential{app: e, inst: in, code: true}
			}
		}
		s.apps[a.ClientID] = e
	}
	return s
}

// redact returns v, or "[REDACTED]" if v contains a configured client
// secret, so that a secret sent in the wrong field never reaches a record.
func (s *Server) redact(v string) string {
	for _, a := range s.apps {
		if a.ClientSecret != "" && strings.Contains(v, a.ClientSecret) {
			return "[REDACTED]"
		}
	}
	return v
}

// NewTestServer starts a server for opts on a loopback port and closes it
// when the test ends.
func NewTestServer(t testing.TB, opts Options) *Server {
	t.Helper()
	s := New(opts)
	if err := s.Start(""); err != nil {
		t.Fatalf("wixfake: start: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("wixfake: close: %v", err)
		}
	})
	return s
}

// MintForTest mints a client-credentials token for an installed instance
// directly, as if a client had asked the token endpoint, so that a test can
// hold a token that no provider resource minted. It fails the test when the
// app or instance is not installed.
func (s *Server) MintForTest(t testing.TB, clientID, instanceID string) string {
	t.Helper()
	app, ok := s.apps[clientID]
	if !ok {
		t.Fatalf("wixfake: MintForTest: no app %q", clientID)
	}
	inst, ok := app.instances[instanceID]
	if !ok || inst.Removed {
		t.Fatalf("wixfake: MintForTest: app %q is not installed on %q", clientID, instanceID)
	}
	return s.mint(app, &inst, grantClientCredentials, tokenLifetime)
}

// Start listens on addr (default "127.0.0.1:0") and serves in the
// background until [Server.Close]. A server can be started once.
func (s *Server) Start(addr string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.srv != nil {
		return errors.New("wixfake: server already started")
	}
	select {
	case <-s.closing:
		return errors.New("wixfake: server closed")
	default:
	}
	ln, err := net.Listen("tcp", cmp.Or(addr, "127.0.0.1:0"))
	if err != nil {
		return fmt.Errorf("wixfake: listen: %w", err)
	}
	// A client cannot dial an unspecified address such as 0.0.0.0: name
	// loopback instead.
	host, port, _ := net.SplitHostPort(ln.Addr().String())
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	s.url = "http://" + net.JoinHostPort(host, port)
	srv, done := &http.Server{Handler: s, ReadHeaderTimeout: 30 * time.Second}, make(chan struct{})
	s.srv, s.serveDone = srv, done
	go func() {
		defer close(done)
		_ = srv.Serve(ln) // always returns ErrServerClosed after Close
	}()
	return nil
}

// URL returns the base URL of a started server, such as
// "http://127.0.0.1:41234", or "" before [Server.Start].
func (s *Server) URL() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.url
}

// Close stops the server, drops open connections and releases requests that
// wait on an injected [Fault.Hang] or [Fault.Delay]. It is safe to call more
// than once, and on a server that was never started.
func (s *Server) Close() error {
	s.closeOnce.Do(func() { close(s.closing) })
	s.mu.Lock()
	srv, done := s.srv, s.serveDone
	s.mu.Unlock()
	if srv == nil {
		return nil
	}
	err := srv.Close()
	<-done
	return err
}

// ServeHTTP routes a request to the fake endpoints.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	sw := &statusWriter{ResponseWriter: w}
	sw.Header().Set("Date", s.now().UTC().Format(http.TimeFormat))
	switch r.URL.Path {
	case TokenPath:
		s.handleTokenEndpoint(sw, r, s.clientCredentials)
	case LegacyTokenPath, LegacyTokenPath + "/":
		s.handleTokenEndpoint(sw, r, s.legacyGrant)
	case TokenInfoPath:
		s.handleTokenInfo(sw, r)
	case AppInstancePath:
		s.handleAppInstance(sw, r)
	case statsPath:
		if !s.refuse(sw, r, http.MethodGet, http.MethodHead) {
			sw.Header().Set("Cache-Control", "no-store")
			writeJSON(sw, http.StatusOK, s.Stats())
		}
	default:
		if !s.serveFault(sw, r) {
			writeNotFound(sw)
		}
	}
}

// statusWriter remembers the status written through it.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

// TokenRequests returns how many requests reached [TokenPath] or
// [LegacyTokenPath], with any method and any outcome, injected faults
// included.
func (s *Server) TokenRequests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.tokenRequests
}

// IssuedTokens returns every access token minted so far, by either token
// endpoint, in order.
func (s *Server) IssuedTokens() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.issued)
}

// TokenRequestRecord describes one request to a token endpoint. It never
// holds a client secret: any recorded value that contains a configured
// secret is replaced by "[REDACTED]".
type TokenRequestRecord struct {
	Path, Method                   string
	ContentType, UserAgent, Accept string // the request headers
	// GrantType, ClientID and InstanceID are the values read from the
	// body, whichever spelling carried them.
	GrantType, ClientID, InstanceID string
	HasInstanceID                   bool // the body has an instance ID field, even an empty one
	SecretMatched                   bool // the body has the configured secret of ClientID
	// Fields are the keys of the JSON body, sorted, or nil when the body
	// was not a JSON object.
	Fields []string
	// Status is the HTTP status of the answer, or 0 when none was sent
	// because the client gave up first or the server was closed.
	Status int
}

// TokenRequestLog returns a record of every token-endpoint request, in
// order.
func (s *Server) TokenRequestLog() []TokenRequestRecord {
	s.mu.Lock()
	defer s.mu.Unlock()
	log := slices.Clone(s.tokenLog)
	for i := range log {
		log[i].Fields = slices.Clone(log[i].Fields)
	}
	return log
}

// ProtectedCall describes one request to Get App Instance.
type ProtectedCall struct {
	Path string
	// Authorization is the Authorization header as received, or
	// "[REDACTED]" if it contains a configured client secret.
	Authorization string
	Status        int
	// Token is the issued token the server recognised in the header, even
	// if it had expired, or "" if none.
	Token string
	// SiteID is the wix-site-id header, which a Headless admin token needs
	// beside it on calls about a site.
	SiteID string
}

// String describes the call without its Authorization header or token.
func (c ProtectedCall) String() string {
	return fmt.Sprintf("%s answered %d (a known token: %v, wix-site-id %q)", c.Path, c.Status, c.Token != "", c.SiteID)
}

// ProtectedCalls returns every request to Get App Instance, in order.
func (s *Server) ProtectedCalls() []ProtectedCall {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.protected)
}

// IssuedToken describes an access token the server minted.
type IssuedToken struct {
	Token      string
	ClientID   string // the app or Headless client
	InstanceID string // "" for a token minted without an instance
	SiteID     string
	AccountID  string // the account owning the instance's site, if known
	GrantType  string
	IssuedAt   time.Time // by the server's clock, to the second
	// ExpiresAt is when the token stops working: IssuedAt plus 4 hours, or
	// 5 minutes from [LegacyTokenPath].
	ExpiresAt time.Time
}

// String describes the token without the token itself, so that a test's
// failure never prints one.
func (it IssuedToken) String() string {
	return fmt.Sprintf("token for %s on %q (site %s, account %s) by %s, issued %s, expires %s",
		it.ClientID, it.InstanceID, it.SiteID, it.AccountID, it.GrantType, it.IssuedAt.Format(time.RFC3339), it.ExpiresAt.Format(time.RFC3339))
}

// LookupToken returns what the server knows about an access token it
// minted.
func (s *Server) LookupToken(token string) (IssuedToken, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	it, ok := s.tokens[token]
	return it, ok
}

// Stats are the counters reported at /_fake/stats. They never include
// secrets or tokens.
type Stats struct {
	TokenRequests  int `json:"token_requests"`  // [Server.TokenRequests]
	IssuedTokens   int `json:"issued_tokens"`   // tokens minted
	ProtectedCalls int `json:"protected_calls"` // requests to Get App Instance
	// ProtectedAuthenticated is the number of those answered 200 because
	// they carried a valid token with the permission the call needs.
	ProtectedAuthenticated int `json:"protected_authenticated"`
}

// Stats returns a snapshot of the server's counters.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := Stats{TokenRequests: s.tokenRequests, IssuedTokens: len(s.issued), ProtectedCalls: len(s.protected)}
	for _, c := range s.protected {
		if c.Token != "" && c.Status == http.StatusOK { // a known token, neither expired nor refused
			st.ProtectedAuthenticated++
		}
	}
	return st
}
