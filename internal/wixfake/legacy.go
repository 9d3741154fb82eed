// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package wixfake

import (
	"net/http"
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

const (
	// legacyTokenLifetime is how long an access token from
	// [LegacyTokenPath] stays valid: 5 minutes, as documented.
	legacyTokenLifetime = 5 * time.Minute
	// authCodeLifetime is how long an authorization code works after the
	// server is created, by its clock: 10 minutes, as documented.
	authCodeLifetime = 10 * time.Minute
)

const (
	grantAuthorizationCode = "authorization_code"
	grantRefreshToken      = "refresh_token"
)

// LegacyTokenResponse is the success body of [LegacyTokenPath]: exactly
// these two fields, with no expires_in and no token_type.
type LegacyTokenResponse struct {
	// AccessToken is a new token, valid for 5 minutes.
	AccessToken string `json:"access_token"`
	// RefreshToken is the installation's [Instance.RefreshToken]: for the
	// refresh_token grant, the one the request sent.
	RefreshToken string `json:"refresh_token"`
}

// credential is a refresh token or a one-time authorization code of one
// installation.
type credential struct {
	app  *appEntry
	inst Instance
	code bool // an authorization code, which works once
	used bool
}

// legacyGrant serves [LegacyTokenPath]: {grant_type: "refresh_token",
// client_id, client_secret, refresh_token} or {grant_type:
// "authorization_code", client_id, client_secret, code}. An unknown or
// revoked refresh token, a code that is unknown, expired or used, or an
// installation the app was removed from, is 400 invalid_grant.
func (s *Server) legacyGrant(p params) (any, *apiError) {
	if err := checkGrant(p, grantAuthorizationCode, grantRefreshToken); err != nil {
		return nil, err
	}
	app, err := s.authenticate(p)
	if err != nil {
		return nil, err
	}
	grant := p.get("grant_type")
	field := map[string]string{grantRefreshToken: "refresh_token", grantAuthorizationCode: "code"}[grant]
	value := p.get(field)
	if value == "" {
		return nil, rfcError(http.StatusBadRequest, "invalid_request", field+" is required for the "+grant+" grant")
	}
	inst, ok := s.redeem(value, grant == grantAuthorizationCode, app)
	if !ok {
		return nil, rfcError(http.StatusBadRequest, "invalid_grant", "the "+field+" is unknown, expired, used or revoked, or was issued to another app")
	}
	return LegacyTokenResponse{AccessToken: s.mint(app, &inst, grant, legacyTokenLifetime), RefreshToken: inst.RefreshToken}, nil
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
