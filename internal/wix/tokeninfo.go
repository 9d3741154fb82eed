// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package wix

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// TokenInfoPath is Token Info, which says what a token is for:
// https://dev.wix.com/docs/rest/app-management/oauth-2/token-info
const TokenInfoPath = "/oauth2/token-info"

// TokenInfo is what Wix says about an access token. An inactive token has
// no facts: every other field is empty.
type TokenInfo struct {
	Active      bool
	SubjectType string // APP, USER, VISITOR, MEMBER...
	SubjectID   string
	ClientID    string // the app that created the token
	AccountID   string
	SiteID      string
	InstanceID  string    // empty for a token without an instance
	IssuedAt    time.Time // zero when Wix sent none
	ExpiresAt   time.Time // zero when Wix sent none
	// Rejected is Wix's 4xx answer when Wix refused to describe the token
	// (an unknown or malformed token), which makes it inactive.
	Rejected *APIError
	Attempts int
}

// TokenInfo asks Wix about token. A token Wix reports inactive, or refuses
// to describe, is inactive and not an error, so that a configuration can
// test it; any other failure (a 429 or 5xx after retries, no answer, a
// status or body that is not Wix refusing the token) is an error. The token
// never appears in an error.
func (c *Client) TokenInfo(ctx context.Context, token string) (*TokenInfo, error) {
	a, err := c.send(ctx, request{
		method: http.MethodPost, path: TokenInfoPath,
		body:    map[string]string{"token": token},
		secrets: []string{token},
	})
	if err != nil {
		// Wix refusing to describe the token is its verdict on it, not a
		// failure of the call.
		if apiErr := refusal(err); apiErr != nil {
			return &TokenInfo{Rejected: apiErr, Attempts: apiErr.Attempts}, nil //nolint:nilerr // a refusal is an answer
		}
		return nil, err
	}
	info, err := decodeWith(a, decodeTokenInfo)
	if err == nil {
		info.Attempts = a.attempts
	}
	return info, err
}

// refusal is err when it is Wix refusing to describe a token: a 400, 401
// or 403 with an error body in either of Wix's shapes. A 404, an HTML page
// or an empty body is not Wix speaking about the token, but a wrong api_url
// or a proxy, and stays an error.
func refusal(err error) *APIError {
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.Code == "" && apiErr.Description == "" {
		return nil
	}
	switch apiErr.StatusCode {
	case http.StatusBadRequest, http.StatusUnauthorized, http.StatusForbidden:
		return apiErr
	}
	return nil
}

// decodeTokenInfo reads a Token Info answer. Wix documents every value as
// a string ("active": "true", "exp": "1715096067"); native JSON booleans and
// numbers are read alike. A missing or null field is empty; an answer
// without "active" describes no active token. The error never quotes the
// body.
func decodeTokenInfo(data []byte) (*TokenInfo, error) {
	var raw map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&raw); err != nil || raw == nil {
		return nil, errors.New("the body is not a JSON object")
	}
	if dec.More() {
		return nil, errors.New("the body holds more than one JSON value")
	}
	active, err := jsonBool(raw["active"])
	if err != nil {
		return nil, fmt.Errorf("its active is %s", err)
	}
	if !active {
		return &TokenInfo{}, nil
	}
	info := &TokenInfo{
		Active:      true,
		SubjectType: jsonText(raw["subjectType"]),
		SubjectID:   jsonText(raw["subjectId"]),
		ClientID:    jsonText(raw["clientId"]),
		AccountID:   jsonText(raw["accountId"]),
		SiteID:      jsonText(raw["siteId"]),
		InstanceID:  jsonText(raw["instanceId"]),
	}
	for _, f := range []struct {
		name string
		into *time.Time
	}{{"iat", &info.IssuedAt}, {"exp", &info.ExpiresAt}} {
		t, err := jsonUnixTime(raw[f.name])
		if err != nil {
			return nil, fmt.Errorf("its %s is %s", f.name, err)
		}
		*f.into = t
	}
	return info, nil
}

// jsonBool reads true, false, "true" or "false" (in any case); a missing
// or null value is false.
func jsonBool(raw json.RawMessage) (bool, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return false, nil
	}
	var v any
	_ = json.Unmarshal(raw, &v) // raw is one value of a decoded object
	switch v := v.(type) {
	case bool:
		return v, nil
	case string:
		switch strings.ToLower(strings.TrimSpace(v)) {
		case "true":
			return true, nil
		case "false":
			return false, nil
		}
	}
	return false, errors.New("neither true nor false")
}

// jsonUnixTime reads Unix seconds given as a JSON number or a string of
// digits; a missing, null, empty or non-positive value is the zero time.
func jsonUnixTime(raw json.RawMessage) (time.Time, error) {
	if len(raw) == 0 || string(raw) == "null" || string(raw) == `""` {
		return time.Time{}, nil
	}
	n, ok := parseExpiresIn(raw)
	switch {
	case !ok:
		return time.Time{}, errors.New("not a whole number of seconds")
	case n <= 0:
		return time.Time{}, nil
	case n > maxUnixSeconds:
		return time.Time{}, errors.New("beyond the year 9999")
	}
	return time.Unix(n, 0).UTC(), nil
}

// maxUnixSeconds is the last second of the year 9999, the last that RFC
// 3339 can write.
const maxUnixSeconds = 253402300799

// jsonText reads a string, or a number as its text; anything else (null,
// missing, an object) is empty. The text is kept printable and bounded.
func jsonText(raw json.RawMessage) string {
	var v any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if len(raw) == 0 || dec.Decode(&v) != nil {
		return ""
	}
	switch v := v.(type) {
	case string:
		return sanitize(v, 256)
	case json.Number:
		return sanitize(v.String(), 256)
	}
	return ""
}
