// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package wix

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"time"
)

// Paths of the token endpoints.
const (
	// TokenPath is Create Access Token, the client credentials grant:
	// https://dev.wix.com/docs/rest/app-management/oauth-2/create-access-token
	TokenPath = "/oauth2/token"
	// LegacyTokenPath is the endpoint of Wix's legacy custom authentication,
	// which refreshes an access token from an installation's refresh token:
	// https://dev.wix.com/docs/rest/app-management/oauth-2/refresh-an-access-token
	LegacyTokenPath = "/oauth/access"
)

// LegacyTokenLifetime is how long a legacy access token lives, in seconds,
// when Wix does not say ("It expires after 5 minutes", Wix's docs say).
const LegacyTokenLifetime = 300

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

// RefreshCredentials identify a legacy refresh: the app's client
// credentials and one installation's refresh token.
type RefreshCredentials struct {
	ClientID     string
	ClientSecret string
	RefreshToken string
}

type tokenRequestBody struct {
	GrantType    string `json:"grant_type"`
	ClientID     string `json:"client_id"`
	ClientSecret string `json:"client_secret"`
	InstanceID   string `json:"instance_id,omitempty"`
	RefreshToken string `json:"refresh_token,omitempty"`
}

type tokenResponseBody struct {
	AccessToken *string         `json:"access_token"`
	TokenType   *string         `json:"token_type"`
	ExpiresIn   json.RawMessage `json:"expires_in"`
}

// CreateAccessToken mints a token with the client credentials grant.
func (c *Client) CreateAccessToken(ctx context.Context, cr Credentials) (*Token, error) {
	a, err := c.send(ctx, request{
		method: http.MethodPost, path: TokenPath,
		body:    tokenRequestBody{GrantType: "client_credentials", ClientID: cr.ClientID, ClientSecret: cr.ClientSecret, InstanceID: cr.InstanceID},
		secrets: []string{cr.ClientSecret},
	})
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		apiErr.InstanceSent = cr.InstanceID != ""
	}
	if err != nil {
		return nil, err
	}
	return tokenFrom(a, 0)
}

// RefreshAccessToken gets an access token from a refresh token, with Wix's
// legacy custom authentication. Wix answers with the token and the refresh
// token only, so the token is a Bearer token of LegacyTokenLifetime unless
// Wix says otherwise.
func (c *Client) RefreshAccessToken(ctx context.Context, rc RefreshCredentials) (*Token, error) {
	a, err := c.send(ctx, request{
		method: http.MethodPost, path: LegacyTokenPath,
		body:    tokenRequestBody{GrantType: "refresh_token", ClientID: rc.ClientID, ClientSecret: rc.ClientSecret, RefreshToken: rc.RefreshToken},
		secrets: []string{rc.ClientSecret, rc.RefreshToken},
	})
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		apiErr.RefreshTokenSent = true
	}
	if err != nil {
		return nil, err
	}
	return tokenFrom(a, LegacyTokenLifetime)
}

// tokenFrom decodes a token answer (see decodeToken for withoutExpiresIn).
func tokenFrom(a *answer, withoutExpiresIn int64) (*Token, error) {
	tok, warnings, err := decodeToken(a.body, a.contentType, withoutExpiresIn)
	if err != nil {
		return nil, a.bad(err.Error())
	}
	tok.ObtainedAt = a.obtained
	tok.ExpiresAt = a.wixTime().Add(time.Duration(tok.ExpiresIn) * time.Second)
	tok.Attempts = a.attempts
	tok.Elapsed = a.elapsed
	tok.Warnings = warnings
	return tok, nil
}

// decodeToken checks a 2xx body. withoutExpiresIn is the lifetime to assume
// when the answer has no expires_in (as legacy answers have none), or 0 to
// refuse such an answer. Its error is the reason the body holds no usable
// token, and never quotes the body.
func decodeToken(data []byte, contentType string, withoutExpiresIn int64) (tok *Token, warnings []string, err error) {
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
	noExpiresIn := len(r.ExpiresIn) == 0 || string(r.ExpiresIn) == "null"
	if noExpiresIn && withoutExpiresIn > 0 {
		exp, ok, noExpiresIn = withoutExpiresIn, true, false
	}
	switch {
	case noExpiresIn:
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
