// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package wix

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// ErrorKind classifies a failed token request by what the user has to do
// about it.
type ErrorKind int

const (
	// KindUnknown is a failure that fits no other kind.
	KindUnknown ErrorKind = iota
	// KindInvalidClient means Wix rejected the client ID or client secret.
	KindInvalidClient
	// KindInstance means Wix does not know the instance ID for this client:
	// unknown, removed, or belonging to another app.
	KindInstance
	// KindInvalidGrant means Wix refused a legacy refresh token: unknown,
	// revoked, or the app was uninstalled from that site.
	KindInvalidGrant
	// KindInvalidRequest means Wix rejected the request itself.
	KindInvalidRequest
	// KindRateLimited means Wix answered 429 Too Many Requests.
	KindRateLimited
	// KindServer means Wix failed with a 5xx status.
	KindServer
	// KindRedirect means Wix answered with a redirect, which is never followed.
	KindRedirect
	// KindBadResponse means Wix answered 200 with a body that holds no usable token.
	KindBadResponse
	// KindTransport means no HTTP answer arrived: DNS, connection, TLS or timeout.
	KindTransport
)

// APIError is a non-2xx answer of the token endpoint. Code and Description
// come from either error shape Wix uses: RFC 6749 (`error`,
// `error_description`) or Wix's own (`message`, `details.applicationError`).
type APIError struct {
	StatusCode  int
	Code        string // "invalid_client", "NOT_FOUND", ...; empty when the body had none
	Description string // redacted, at most maxDescription bytes
	RequestID   string // x-wix-request-id, when Wix sent one
	RetryAfter  time.Duration
	Location    string // for redirects: scheme and host of the target only
	// InstanceSent records whether the request carried an instance ID, which
	// decides how an ambiguous rejection is explained.
	InstanceSent bool
	// RefreshTokenSent records a legacy request with a refresh token: there
	// a 400 or 401 refuses the refresh token unless its code blames the
	// client or the request.
	RefreshTokenSent bool
	// Attempts is how many HTTP requests were made, retries included.
	Attempts int
}

func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Wix answered HTTP %d %s", e.StatusCode, http.StatusText(e.StatusCode))
	if e.Code != "" {
		fmt.Fprintf(&b, ", error %q", e.Code)
	}
	if e.Description != "" {
		fmt.Fprintf(&b, ": %s", e.Description)
	}
	if e.RequestID != "" {
		fmt.Fprintf(&b, " (request ID %s)", e.RequestID)
	}
	return b.String()
}

// Kind classifies the error.
func (e *APIError) Kind() ErrorKind {
	code := strings.ToLower(e.Code)
	desc := strings.ToLower(e.Description)
	switch {
	case e.StatusCode >= 300 && e.StatusCode < 400:
		return KindRedirect
	case e.StatusCode == http.StatusTooManyRequests || code == "resource_exhausted":
		return KindRateLimited
	case e.StatusCode >= 500:
		return KindServer
	case e.RefreshTokenSent && (e.StatusCode == http.StatusBadRequest || e.StatusCode == http.StatusUnauthorized):
		// The legacy endpoint: a 400 or 401 refuses the refresh token, unless
		// its code says the client or the request was wrong.
		switch code {
		case "invalid_client", "unauthorized_client":
			return KindInvalidClient
		case "invalid_request", "unsupported_grant_type":
			return KindInvalidRequest
		}
		return KindInvalidGrant
	case code == "invalid_grant":
		return KindInvalidGrant
	case code == "invalid_client" || code == "unauthorized_client" || code == "unauthenticated":
		return KindInvalidClient
	case code == "not_found" || code == "permission_denied" || e.StatusCode == http.StatusNotFound || e.StatusCode == http.StatusForbidden:
		if e.InstanceSent {
			return KindInstance
		}
		return KindInvalidRequest
	case strings.Contains(desc, "instance") && e.InstanceSent:
		return KindInstance
	case e.StatusCode == http.StatusUnauthorized:
		return KindInvalidClient
	case e.StatusCode >= 400:
		return KindInvalidRequest
	}
	return KindUnknown
}

// ResponseError is a 2xx answer that does not hold a usable token. Reason
// never quotes the body, which might hold a token.
type ResponseError struct {
	StatusCode  int
	ContentType string
	Reason      string
	Attempts    int
}

func (e *ResponseError) Error() string {
	ct := e.ContentType
	if ct == "" {
		ct = "no content type"
	}
	return fmt.Sprintf("Wix answered HTTP %d (%s) but %s", e.StatusCode, ct, e.Reason)
}

// TransportError is a request that got no HTTP answer: the name did not
// resolve, the connection failed, TLS failed, or it timed out.
type TransportError struct {
	Timeout  bool
	TLS      bool
	Attempts int
	Err      error // already stripped of secrets; never holds the request body
}

func (e *TransportError) Error() string {
	switch {
	case e.Timeout:
		return fmt.Sprintf("no answer from Wix in time: %v", e.Err)
	case e.TLS:
		return fmt.Sprintf("TLS failed: %v", e.Err)
	}
	return fmt.Sprintf("could not reach Wix: %v", e.Err)
}

func (e *TransportError) Unwrap() error { return e.Err }

// AttemptsOf is how many HTTP requests a failed call made, retries
// included; 0 when the error does not say.
func AttemptsOf(err error) int {
	var apiErr *APIError
	var respErr *ResponseError
	var trErr *TransportError
	switch {
	case errors.As(err, &apiErr):
		return apiErr.Attempts
	case errors.As(err, &respErr):
		return respErr.Attempts
	case errors.As(err, &trErr):
		return trErr.Attempts
	}
	return 0
}

// KindOf classifies any error returned by the client.
func KindOf(err error) ErrorKind {
	var apiErr *APIError
	var respErr *ResponseError
	var trErr *TransportError
	switch {
	case errors.As(err, &apiErr):
		return apiErr.Kind()
	case errors.As(err, &respErr):
		return KindBadResponse
	case errors.As(err, &trErr):
		return KindTransport
	}
	return KindUnknown
}

const maxDescription = 512

// decodeAPIError builds an APIError from a non-2xx response body. It accepts
// the RFC 6749 shape, Wix's shape, both, or neither.
func decodeAPIError(status int, header http.Header, body []byte, redact func(string) string) *APIError {
	e := &APIError{StatusCode: status, RequestID: sanitize(header.Get("X-Wix-Request-Id"), 128)}
	var raw map[string]json.RawMessage
	if json.Unmarshal(body, &raw) == nil {
		code := jsonString(raw["error"])
		desc := jsonString(raw["error_description"])
		if code == "" || desc == "" {
			var details struct {
				ApplicationError *struct {
					Code        string `json:"code"`
					Description string `json:"description"`
				} `json:"applicationError"`
				ValidationError *struct {
					FieldViolations []struct {
						Field       string `json:"field"`
						Description string `json:"description"`
					} `json:"fieldViolations"`
				} `json:"validationError"`
			}
			_ = json.Unmarshal(raw["details"], &details)
			if ae := details.ApplicationError; ae != nil {
				if code == "" {
					code = ae.Code
				}
				if desc == "" {
					desc = ae.Description
				}
			}
			if ve := details.ValidationError; ve != nil && desc == "" {
				var parts []string
				for _, fv := range ve.FieldViolations {
					parts = append(parts, strings.TrimSpace(fv.Field+": "+fv.Description))
				}
				desc = strings.Join(parts, "; ")
			}
			if desc == "" {
				desc = jsonString(raw["message"])
			}
		}
		// Redact before and after dropping control characters: before, for
		// a secret that itself holds such characters; after, so that they
		// cannot split a secret to hide it from the redactor.
		e.Code = sanitize(redact(sanitize(redact(code), MaxResponseBytes)), 64)
		e.Description = sanitize(redact(sanitize(redact(desc), MaxResponseBytes)), maxDescription)
	}
	return e
}

// jsonString returns a JSON string value, or "" for anything else.
func jsonString(raw json.RawMessage) string {
	var s string
	if len(raw) == 0 || json.Unmarshal(raw, &s) != nil {
		return ""
	}
	return s
}

// sanitize keeps text printable and bounded, so that a hostile server
// cannot inject control sequences or huge text into a diagnostic.
func sanitize(s string, limit int) string {
	s = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return ' '
		}
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == '\uFFFD' {
			return -1
		}
		return r
	}, s)
	s = strings.TrimSpace(s)
	if len(s) > limit {
		cut := limit
		for cut > 0 && !utf8RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	return s
}

func utf8RuneStart(b byte) bool { return b&0xC0 != 0x80 }
