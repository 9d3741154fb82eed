// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

// Package wix is the Wix OAuth client: it mints access tokens with the
// client credentials grant, retries what is worth retrying, and turns every
// failure into a typed error that never carries a secret or a token.
package wix

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/go-retryablehttp"
	"golang.org/x/net/http/httpproxy"
)

var errCancelled = errors.New("the request was cancelled")

// TokenPath is the path of the Create Access Token endpoint.
const TokenPath = "/oauth2/token"

// The backoff between retries: exponential from RetryWaitMin, each step
// capped at RetryWaitMax (a Retry-After from Wix is honoured beyond it).
const (
	RetryWaitMin = 500 * time.Millisecond
	RetryWaitMax = 30 * time.Second
)

// Limits of what the client accepts from Wix.
const (
	// MaxResponseBytes caps how much of a response body is read.
	MaxResponseBytes = 1 << 20
	// MaxExpiresIn is the longest token lifetime accepted as plausible (30 days);
	// Wix documents 14400 seconds.
	MaxExpiresIn = 30 * 24 * 60 * 60
)

// Config holds what a Client needs. Every field but UserAgent and Logger
// must be set: the provider's settings supply final values, and the client
// applies no defaults of its own.
type Config struct {
	APIURL         *url.URL
	UserAgent      string
	Transport      http.RoundTripper                                 // see NewTransport
	RequestTimeout time.Duration                                     // per HTTP attempt
	MaxRetries     int                                               // retries after the first attempt; 0 for none
	MaxWait        time.Duration                                     // bound on the whole call, retries and waits included
	RetryWaitMin   time.Duration                                     // first backoff step
	RetryWaitMax   time.Duration                                     // cap of one backoff step (not of Retry-After)
	Logger         func(context.Context) retryablehttp.LeveledLogger // nil: no retry logs
	Now            func() time.Time
}

// Credentials identify what a token is minted for. InstanceID may be empty.
type Credentials struct {
	ClientID     string
	ClientSecret string
	InstanceID   string
}

// Token is a minted access token.
type Token struct {
	AccessToken string
	TokenType   string
	ExpiresIn   int64
	// ExpiresAt is the expiry by Wix's clock (the response's Date header plus
	// ExpiresIn), or by the local clock when Wix sent no usable Date.
	ExpiresAt time.Time
	// ObtainedAt is the local time the answer arrived; ObtainedAt+ExpiresIn is
	// the expiry by the local clock, which is what reuse decisions use.
	ObtainedAt time.Time
	Attempts   int
	Elapsed    time.Duration
	Warnings   []string
}

// LocalExpiry is when the token expires by the local clock.
func (t *Token) LocalExpiry() time.Time {
	return t.ObtainedAt.Add(time.Duration(t.ExpiresIn) * time.Second)
}

// Client mints Wix access tokens. It is safe for concurrent use.
type Client struct {
	tokenURL  string
	userAgent string
	http      *http.Client
	cfg       Config
}

// NewClient builds a Client. It makes no network call.
func NewClient(cfg Config) (*Client, error) {
	switch {
	case cfg.APIURL == nil:
		return nil, errors.New("wix: Config.APIURL is not set")
	case cfg.Transport == nil:
		return nil, errors.New("wix: Config.Transport is not set")
	case cfg.Now == nil:
		return nil, errors.New("wix: Config.Now is not set")
	case cfg.RequestTimeout <= 0 || cfg.MaxWait <= 0:
		return nil, errors.New("wix: Config.RequestTimeout and Config.MaxWait must be positive")
	case cfg.MaxRetries < 0:
		return nil, errors.New("wix: Config.MaxRetries must not be negative")
	case cfg.RetryWaitMin <= 0 || cfg.RetryWaitMax < cfg.RetryWaitMin:
		return nil, errors.New("wix: Config.RetryWaitMin must be positive and at most Config.RetryWaitMax")
	}
	return &Client{
		tokenURL:  cfg.APIURL.String() + TokenPath,
		userAgent: cfg.UserAgent,
		cfg:       cfg,
		http: &http.Client{
			Transport: cfg.Transport,
			Timeout:   cfg.RequestTimeout,
			// Never follow a redirect: the body carries the client secret.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
	}, nil
}

// TokenURL is the URL tokens are requested from.
func (c *Client) TokenURL() string { return c.tokenURL }

// TransportOptions tune the HTTP transport.
type TransportOptions struct {
	// ProxyURL, when set, is used for every request instead of the
	// HTTPS_PROXY / HTTP_PROXY / NO_PROXY environment.
	ProxyURL *url.URL
	// CABundlePEM, when set, is trusted in addition to the system roots.
	CABundlePEM []byte
}

// NewTransport clones the default transport so settings never leak between
// clients, and reads the proxy environment afresh (not cached process-wide).
func NewTransport(o TransportOptions) (*http.Transport, error) {
	base, ok := http.DefaultTransport.(*http.Transport)
	if !ok {
		return nil, errors.New("the default HTTP transport has an unexpected type")
	}
	t := base.Clone()
	// Terraform opens many tokens at once (its parallelism is 10 by default):
	// keep enough idle connections to reuse rather than redial.
	t.MaxIdleConnsPerHost = 16
	if o.ProxyURL != nil {
		t.Proxy = http.ProxyURL(o.ProxyURL)
	} else {
		proxy := httpproxy.FromEnvironment().ProxyFunc()
		t.Proxy = func(r *http.Request) (*url.URL, error) { return proxy(r.URL) }
	}
	if len(o.CABundlePEM) > 0 {
		pool, err := x509.SystemCertPool()
		if err != nil || pool == nil {
			pool = x509.NewCertPool()
		}
		if !pool.AppendCertsFromPEM(o.CABundlePEM) {
			return nil, errors.New("the CA bundle holds no PEM certificate")
		}
		t.TLSClientConfig = &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
	}
	return t, nil
}

type tokenRequestBody struct {
	GrantType    string `json:"grant_type"`
	ClientID     string `json:"client_id"`
	ClientSecret string `json:"client_secret"`
	InstanceID   string `json:"instance_id,omitempty"`
}

type tokenResponseBody struct {
	AccessToken *string         `json:"access_token"`
	TokenType   *string         `json:"token_type"`
	ExpiresIn   json.RawMessage `json:"expires_in"`
}

// CreateAccessToken mints a token with the client credentials grant.
func (c *Client) CreateAccessToken(ctx context.Context, cr Credentials) (*Token, error) {
	body, err := json.Marshal(tokenRequestBody{
		GrantType:    "client_credentials",
		ClientID:     cr.ClientID,
		ClientSecret: cr.ClientSecret,
		InstanceID:   cr.InstanceID,
	})
	if err != nil {
		return nil, fmt.Errorf("encoding the token request: %w", err)
	}
	start := c.cfg.Now()
	ctx, cancel := context.WithTimeout(ctx, c.cfg.MaxWait)
	defer cancel()

	req, err := retryablehttp.NewRequestWithContext(ctx, http.MethodPost, c.tokenURL, body)
	if err != nil {
		return nil, fmt.Errorf("building the token request: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	if c.userAgent != "" {
		req.Header.Set("User-Agent", c.userAgent)
	}

	p := &retryPolicy{cfg: &c.cfg, start: start}
	rc := &retryablehttp.Client{
		HTTPClient:     c.http,
		RetryMax:       c.cfg.MaxRetries,
		RetryWaitMin:   c.cfg.RetryWaitMin,
		RetryWaitMax:   c.cfg.RetryWaitMax,
		CheckRetry:     p.check,
		Backoff:        p.backoff,
		ErrorHandler:   retryablehttp.PassthroughErrorHandler,
		RequestLogHook: func(retryablehttp.Logger, *http.Request, int) { p.attempts++ },
	}
	if c.cfg.Logger != nil {
		rc.Logger = c.cfg.Logger(ctx)
	}

	resp, err := rc.Do(req)
	if resp == nil {
		return nil, c.transportError(ctx, err, p.attempts)
	}
	defer resp.Body.Close()
	data, readErr := io.ReadAll(io.LimitReader(resp.Body, MaxResponseBytes+1))
	obtained := c.cfg.Now()
	redact := redactor(cr.ClientSecret)

	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		apiErr := decodeAPIError(resp.StatusCode, resp.Header, data, redact)
		apiErr.InstanceSent = cr.InstanceID != ""
		apiErr.Attempts = p.attempts
		apiErr.RetryAfter, _ = parseRetryAfter(resp.Header.Get("Retry-After"), obtained)
		if loc, lerr := url.Parse(resp.Header.Get("Location")); lerr == nil && loc.Host != "" {
			apiErr.Location = loc.Scheme + "://" + loc.Host
		}
		return nil, apiErr
	}
	ct := resp.Header.Get("Content-Type")
	bad := func(reason string) error {
		return &ResponseError{StatusCode: resp.StatusCode, ContentType: sanitize(ct, 100), Reason: reason, Attempts: p.attempts}
	}
	if readErr != nil {
		return nil, bad("the body could not be read: " + sanitize(redact(readErr.Error()), 200))
	}
	if len(data) > MaxResponseBytes {
		return nil, bad(fmt.Sprintf("the body is larger than %d bytes, far more than a token answer", MaxResponseBytes))
	}
	tok, warnings, err := decodeToken(data, ct)
	if err != nil {
		return nil, bad(err.Error())
	}
	tok.ObtainedAt = obtained
	tok.ExpiresAt = obtained.UTC().Add(time.Duration(tok.ExpiresIn) * time.Second)
	if d, derr := http.ParseTime(resp.Header.Get("Date")); derr == nil {
		tok.ExpiresAt = d.UTC().Add(time.Duration(tok.ExpiresIn) * time.Second)
	}
	tok.Attempts = p.attempts
	tok.Elapsed = obtained.Sub(start)
	tok.Warnings = warnings
	return tok, nil
}

// decodeToken checks a 2xx body. Its error is the reason the body holds no
// usable token, and never quotes the body.
func decodeToken(data []byte, contentType string) (tok *Token, warnings []string, err error) {
	var r tokenResponseBody
	if err := json.Unmarshal(data, &r); err != nil {
		mt, _, _ := mime.ParseMediaType(contentType)
		switch {
		case len(bytes.TrimSpace(data)) == 0:
			return nil, nil, errors.New("the body is empty")
		case mt == "text/html" || bytes.HasPrefix(bytes.TrimSpace(data), []byte("<")):
			return nil, nil, errors.New("the body is an HTML page, not a token; is api_url pointing at the Wix API (or at a proxy or captive portal)?")
		}
		return nil, nil, errors.New("the body is not a JSON object")
	}
	if r.AccessToken == nil {
		return nil, nil, errors.New("the JSON has no access_token")
	}
	at := *r.AccessToken
	if strings.TrimSpace(at) == "" {
		return nil, nil, errors.New("its access_token is empty")
	}
	for _, ch := range at {
		if ch <= ' ' || ch == 0x7f || ch > 0x7e {
			return nil, nil, errors.New("its access_token holds characters that cannot go in an HTTP header")
		}
	}
	exp, ok := parseExpiresIn(r.ExpiresIn)
	switch {
	case len(r.ExpiresIn) == 0 || string(r.ExpiresIn) == "null":
		return nil, nil, errors.New("the JSON has no expires_in, so the token's expiry is unknown")
	case !ok:
		return nil, nil, errors.New("its expires_in is not a whole number of seconds")
	case exp <= 0:
		return nil, nil, fmt.Errorf("its expires_in is %d: the token would already be expired", exp)
	case exp > MaxExpiresIn:
		return nil, nil, fmt.Errorf("its expires_in is %d seconds, longer than the %d-second maximum this provider accepts as plausible (Wix documents 14400)", exp, MaxExpiresIn)
	}
	tt := "Bearer"
	if r.TokenType != nil && sanitize(*r.TokenType, 40) != "" {
		tt = sanitize(*r.TokenType, 40)
		if !strings.EqualFold(tt, "Bearer") {
			warnings = append(warnings, fmt.Sprintf("Wix returned token_type %q where it documents \"Bearer\"; the token is passed on as returned.", tt))
		}
	}
	return &Token{AccessToken: at, TokenType: tt, ExpiresIn: exp}, warnings, nil
}

// parseExpiresIn accepts a JSON integer or a string holding one.
func parseExpiresIn(raw json.RawMessage) (int64, bool) {
	var n json.Number
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return 0, false
	}
	if _, err := dec.Token(); err != io.EOF {
		return 0, false // more than one JSON value
	}
	switch x := v.(type) {
	case json.Number:
		n = x
	case string:
		n = json.Number(strings.TrimSpace(x))
	default:
		return 0, false
	}
	i, err := n.Int64()
	if err != nil {
		f, ferr := n.Float64()
		if ferr != nil || f != float64(int64(f)) {
			return 0, false
		}
		i = int64(f)
	}
	return i, true
}

func (c *Client) transportError(ctx context.Context, err error, attempts int) error {
	if err == nil {
		err = errors.New("no response")
	}
	te := &TransportError{Attempts: attempts}
	var uerr *url.Error
	var nerr net.Error
	var certErr *tls.CertificateVerificationError
	var unknownAuth x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var recErr tls.RecordHeaderError
	switch {
	case errors.Is(ctx.Err(), context.DeadlineExceeded) || errors.Is(err, context.DeadlineExceeded):
		te.Timeout = true
	case errors.As(err, &nerr) && nerr.Timeout():
		te.Timeout = true
	case errors.As(err, &certErr) || errors.As(err, &unknownAuth) || errors.As(err, &hostErr) || errors.As(err, &recErr):
		te.TLS = true
	}
	if errors.As(err, &uerr) {
		err = uerr.Err // drop "Post <url>:" – the URL is stated separately
	}
	te.Err = errors.New(sanitize(strings.TrimPrefix(err.Error(), "POST "+c.tokenURL+" "), 400))
	if errors.Is(ctx.Err(), context.Canceled) {
		te.Err = errCancelled
	}
	return te
}

// redactor returns a function that removes secret from text.
func redactor(secret string) func(string) string {
	return func(s string) string {
		if secret == "" || len(secret) < 4 {
			return s
		}
		return strings.ReplaceAll(s, secret, "[redacted]")
	}
}

func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if s, err := strconv.ParseInt(v, 10, 64); err == nil {
		if s < 0 {
			return 0, false
		}
		if s > int64(24*time.Hour/time.Second) {
			s = int64(24 * time.Hour / time.Second)
		}
		return time.Duration(s) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d, true
		}
		return 0, true
	}
	return 0, false
}
