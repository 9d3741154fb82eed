// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package wixfake

import (
	"crypto/rand"
	"crypto/subtle"
	"net/http"
	"slices"
	"strings"
	"time"
)

// LegacyTokenPath is the endpoint of Wix's deprecated custom
// authentication, for apps that already use it: Request an Access Token
// (https://dev.wix.com/docs/rest/app-management/oauth-2/request-an-access-token)
// and Refresh an Access Token
// (https://dev.wix.com/docs/rest/app-management/oauth-2/refresh-an-access-token).
// Wix documents it with and without a trailing slash; the fake serves both,
// and a fault injected for either path applies to both.
const LegacyTokenPath = "/oauth/access"

// tokenPrefix starts every access token the fake mints, as it starts
// real Wix OAuth access tokens. The rest of a token is random text: the fake
// recognises its tokens by looking them up, never by decoding them.
const tokenPrefix = "OauthNG.JWS."

// Token lifetimes, as documented; authorization codes work for
// authCodeLifetime after the server is created, by its clock.
const (
	tokenLifetime       = 4 * time.Hour
	legacyTokenLifetime = 5 * time.Minute
	authCodeLifetime    = 10 * time.Minute
)

const (
	grantClientCredentials = "client_credentials"
	grantAuthorizationCode = "authorization_code"
	grantRefreshToken      = "refresh_token"
)

// TokenResponse is the success body of the Create Access Token endpoint,
// https://dev.wix.com/docs/rest/app-management/oauth-2/create-access-token .
type TokenResponse struct {
	AccessToken string `json:"access_token"`
	TokenType   string `json:"token_type"` // always "Bearer"
	ExpiresIn   int    `json:"expires_in"` // always 14400 (4 hours)
}

// LegacyTokenResponse is the success body of [LegacyTokenPath]: exactly
// these two fields, with no expires_in and no token_type.
type LegacyTokenResponse struct {
	AccessToken string `json:"access_token"` // valid for 5 minutes
	// RefreshToken is the installation's [Instance.RefreshToken]: for the
	// refresh_token grant, the one the request sent.
	RefreshToken string `json:"refresh_token"`
}

// handleTokenEndpoint serves one of the token endpoints: it counts and
// records the request, applies the latency and any injected fault, reads the
// body and lets grant answer it.
func (s *Server) handleTokenEndpoint(w *statusWriter, r *http.Request, grant func(params) *answer) {
	s.mu.Lock()
	s.tokenRequests++
	s.mu.Unlock()
	rec := TokenRequestRecord{
		Path:        r.URL.Path,
		Method:      r.Method,
		ContentType: s.redact(r.Header.Get("Content-Type")),
		UserAgent:   s.redact(r.Header.Get("User-Agent")),
		Accept:      s.redact(r.Header.Get("Accept")),
	}
	defer func() {
		rec.Status = w.status
		s.mu.Lock()
		s.tokenLog = append(s.tokenLog, rec)
		s.mu.Unlock()
	}()

	var (
		p    params
		perr *paramError
	)
	if r.Method == http.MethodPost {
		p, perr = readParams(w, r)
		for _, key := range p.keys {
			rec.Fields = append(rec.Fields, s.redact(key))
		}
		rec.GrantType = s.redact(p.get("grant_type"))
		rec.ClientID = s.redact(p.get("client_id"))
		rec.InstanceID = s.redact(p.get("instance_id"))
		rec.HasInstanceID = p.present["instance_id"]
		rec.SecretMatched = s.secretMatches(p.get("client_id"), p.get("client_secret"))
	}
	if !s.wait(r.Context(), s.opts.Latency) || s.refuse(w, r, http.MethodPost) {
		return
	}
	if perr != nil {
		rfcError(perr.status, "invalid_request", perr.message).write(w)
		return
	}
	grant(p).write(w)
}

// clientCredentials serves the client_credentials grant of Create Access
// Token: an app's ID and secret, and the instance to mint for. Apps with
// [App.AllowNoInstance] may leave the instance out.
func (s *Server) clientCredentials(p params) *answer {
	app, err := s.authenticate(p, grantClientCredentials)
	if err != nil {
		return err
	}
	var inst *Instance
	if id := p.get("instance_id"); id != "" {
		in, ok := app.instances[id]
		if !ok || in.Removed {
			const desc = "instance_id does not identify an installation of this app"
			if s.opts.ErrorShape == ShapeWix {
				return wixAppError(http.StatusNotFound, "App instance not found", "NOT_FOUND", desc)
			}
			return rfcError(http.StatusBadRequest, "invalid_request", desc)
		}
		inst = &in
	} else if !app.AllowNoInstance {
		return rfcError(http.StatusBadRequest, "invalid_request", "instance_id is required for this app")
	}
	tok := s.mint(app, inst, grantClientCredentials, tokenLifetime)
	return &answer{http.StatusOK, TokenResponse{AccessToken: tok, TokenType: "Bearer", ExpiresIn: int(tokenLifetime / time.Second)}}
}

// legacyGrant serves the refresh_token and authorization_code grants of
// [LegacyTokenPath]. An unknown or revoked refresh token, a code that is
// unknown, expired or used, or an installation the app was removed from, is
// 400 invalid_grant.
func (s *Server) legacyGrant(p params) *answer {
	app, err := s.authenticate(p, grantAuthorizationCode, grantRefreshToken)
	if err != nil {
		return err
	}
	grant := p.get("grant_type")
	field := map[string]string{grantRefreshToken: "refresh_token", grantAuthorizationCode: "code"}[grant]
	value := p.get(field)
	if value == "" {
		return rfcError(http.StatusBadRequest, "invalid_request", field+" is required for the "+grant+" grant")
	}
	inst, ok := s.redeem(value, grant == grantAuthorizationCode, app)
	if !ok {
		return rfcError(http.StatusBadRequest, "invalid_grant", "the "+field+" is unknown, expired, used or revoked, or was issued to another app")
	}
	return &answer{http.StatusOK, LegacyTokenResponse{AccessToken: s.mint(app, &inst, grant, legacyTokenLifetime), RefreshToken: inst.RefreshToken}}
}

// credential is a refresh token or a one-time authorization code of one
// installation.
type credential struct {
	app  *appEntry
	inst Instance
	code bool // an authorization code, which works once
	used bool
}

// redeem returns the installation of a refresh token, or of an authorization
// code, that app may use, and uses the code up.
func (s *Server) redeem(value string, code bool, app *appEntry) (Instance, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.credentials[value]
	if !ok || c.code != code || c.app != app || c.inst.Removed || c.used || (code && !s.now().Before(s.codesExpire)) {
		return Instance{}, false
	}
	c.used = code
	return c.inst, true
}

// authenticate checks that a token request asks for one of the grants its
// endpoint serves, and the client ID and secret.
func (s *Server) authenticate(p params, served ...string) (*appEntry, *answer) {
	grant, clientID, secret := p.get("grant_type"), p.get("client_id"), p.get("client_secret")
	switch {
	case grant == "":
		return nil, rfcError(http.StatusBadRequest, "invalid_request", "grant_type is required")
	case !slices.Contains(served, grant):
		return nil, rfcError(http.StatusBadRequest, "unsupported_grant_type",
			"grant_type is not supported; this endpoint serves "+strings.Join(served, " and "))
	case clientID == "":
		return nil, rfcError(http.StatusBadRequest, "invalid_request", "client_id is required")
	case secret == "":
		return nil, rfcError(http.StatusBadRequest, "invalid_request", "client_secret is required")
	}
	badClient := func(desc string) (*appEntry, *answer) {
		return nil, rfcError(s.opts.InvalidClientStatus, "invalid_client", "client authentication failed: "+desc)
	}
	app, ok := s.apps[clientID]
	switch {
	case !ok:
		return badClient("unknown client_id")
	case app.ClientSecret == "":
		return badClient("no client secret has been generated for this client")
	case !s.secretMatches(clientID, secret):
		return badClient("client_secret does not match")
	}
	return app, nil
}

// secretMatches reports, in constant time, whether secret is the configured
// secret of clientID.
func (s *Server) secretMatches(clientID, secret string) bool {
	a, ok := s.apps[clientID]
	if !ok || a.ClientSecret == "" || secret == "" {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(a.ClientSecret), []byte(secret)) == 1
}

// mint creates and records a token for app, on inst or, when inst is nil, on
// the app's own site.
func (s *Server) mint(app *appEntry, inst *Instance, grant string, lifetime time.Duration) string {
	issued := s.now().UTC().Truncate(time.Second)
	it := IssuedToken{
		Token:     tokenPrefix + rand.Text() + rand.Text(),
		ClientID:  app.ClientID,
		SiteID:    app.SiteID,
		GrantType: grant,
		IssuedAt:  issued,
		ExpiresAt: issued.Add(lifetime),
	}
	if inst != nil {
		it.InstanceID = inst.InstanceID
		it.SiteID = inst.SiteID
		it.AccountID = inst.AccountID
	}
	s.mu.Lock()
	s.issued = append(s.issued, it.Token)
	s.tokens[it.Token] = it
	s.mu.Unlock()
	return it.Token
}
