// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

// Package wix is the Wix OAuth client: it mints access tokens with the
// client credentials grant, retries what is worth retrying, and turns every
// failure into a typed error that never carries a secret or a token.
package wix

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
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

// Client calls the Wix API: it mints access tokens and asks about them and
// about app instances. It is safe for concurrent use.
type Client struct {
	baseURL   string
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
		baseURL:   cfg.APIURL.String(),
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
func (c *Client) TokenURL() string { return c.baseURL + TokenPath }

// URL is the URL of an API path, such as AppInstancePath.
func (c *Client) URL(path string) string { return c.baseURL + path }

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

// request is one call to the Wix API.
type request struct {
	method, path  string
	body          any    // encoded as JSON; nil for none
	authorization string // the Authorization header; "" for none
	// secrets are removed from any text of Wix's that reaches an error.
	secrets []string
}

// answer is Wix's 2xx answer to a request, its body read in full.
type answer struct {
	status      int
	header      http.Header
	contentType string
	body        []byte
	obtained    time.Time // when the answer arrived, by the local clock
	attempts    int
	elapsed     time.Duration
}

// send makes a request with the retry policy, within MaxWait, and reads at
// most MaxResponseBytes of the answer. A non-2xx answer becomes an
// *APIError, no answer a *TransportError, and an unreadable or oversized
// 2xx body a *ResponseError; none holds a secret of r.
func (c *Client) send(ctx context.Context, r request) (*answer, error) {
	var body []byte
	if r.body != nil {
		var err error
		if body, err = json.Marshal(r.body); err != nil {
			return nil, fmt.Errorf("encoding the request to %s: %w", r.path, err)
		}
	}
	start := c.cfg.Now()
	ctx, cancel := context.WithTimeout(ctx, c.cfg.MaxWait)
	defer cancel()

	target := c.baseURL + r.path
	req, err := retryablehttp.NewRequestWithContext(ctx, r.method, target, body)
	if err != nil {
		return nil, fmt.Errorf("building the request to %s: %w", r.path, err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Accept", "application/json")
	if c.userAgent != "" {
		req.Header.Set("User-Agent", c.userAgent)
	}
	if r.authorization != "" {
		req.Header.Set("Authorization", r.authorization)
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
		return nil, transportError(ctx, err, r.method+" "+target, p.attempts)
	}
	defer resp.Body.Close()
	data, readErr := io.ReadAll(io.LimitReader(resp.Body, MaxResponseBytes+1))
	obtained := c.cfg.Now()
	redact := redactor(r.secrets...)

	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		apiErr := decodeAPIError(resp.StatusCode, resp.Header, data, redact)
		apiErr.Attempts = p.attempts
		apiErr.RetryAfter, _ = parseRetryAfter(resp.Header.Get("Retry-After"), obtained)
		if loc, lerr := url.Parse(resp.Header.Get("Location")); lerr == nil && loc.Host != "" {
			apiErr.Location = loc.Scheme + "://" + loc.Host
		}
		return nil, apiErr
	}
	a := &answer{
		status: resp.StatusCode, header: resp.Header, contentType: resp.Header.Get("Content-Type"), body: data,
		obtained: obtained, attempts: p.attempts, elapsed: obtained.Sub(start),
	}
	switch {
	case readErr != nil:
		return nil, a.bad("the body could not be read: " + sanitize(redact(readErr.Error()), 200))
	case len(data) > MaxResponseBytes:
		return nil, a.bad(fmt.Sprintf("the body is larger than %d bytes, far more than a Wix answer", MaxResponseBytes))
	}
	return a, nil
}

// decodeWith reads the body of a with decode, whose error (a reason that
// never quotes the body) becomes the answer's ResponseError.
func decodeWith[T any](a *answer, decode func([]byte) (*T, error)) (*T, error) {
	v, err := decode(a.body)
	if err != nil {
		return nil, a.bad(err.Error())
	}
	return v, nil
}

// bad is the error for a 2xx answer that does not hold what was asked for.
// The reason never quotes the body.
func (a *answer) bad(reason string) error {
	return &ResponseError{StatusCode: a.status, ContentType: sanitize(a.contentType, 100), Reason: reason, Attempts: a.attempts}
}

// wixTime is when the answer was sent by Wix's clock (its Date header), or
// by the local clock when Wix sent no usable Date.
func (a *answer) wixTime() time.Time {
	if d, err := http.ParseTime(a.header.Get("Date")); err == nil {
		return d.UTC()
	}
	return a.obtained.UTC()
}

// transportError describes a request that got no answer. what is the
// method and URL, which the error text of net/http starts with.
func transportError(ctx context.Context, err error, what string, attempts int) error {
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
	te.Err = errors.New(sanitize(strings.TrimPrefix(err.Error(), what+" "), 400))
	if errors.Is(ctx.Err(), context.Canceled) {
		te.Err = errCancelled
	}
	return te
}

// redactor returns a function that removes every secret from text.
func redactor(secrets ...string) func(string) string {
	return func(s string) string {
		for _, secret := range secrets {
			if len(secret) >= 4 {
				s = strings.ReplaceAll(s, secret, "[redacted]")
			}
		}
		return s
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
