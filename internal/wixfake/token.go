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

// tokenPrefix starts every access token the fake mints, as it starts
// real Wix OAuth access tokens. The rest of a token is random text: the fake
// recognises its tokens by looking them up, never by decoding them.
const tokenPrefix = "OauthNG.JWS."

const grantClientCredentials = "client_credentials"

// TokenResponse is the success body of the Create Access Token endpoint,
// https://dev.wix.com/docs/rest/app-management/oauth-2/create-access-token .
type TokenResponse struct {
	// AccessToken is the minted token.
	AccessToken string `json:"access_token"`
	// TokenType is always "Bearer".
	TokenType string `json:"token_type"`
	// ExpiresIn is always 14400 (4 hours).
	ExpiresIn int `json:"expires_in"`
}

// handleTokenEndpoint serves one of the token endpoints: it counts and
// records the request, applies the latency and any injected fault, reads the
// body and lets grant answer it with a success body or an error.
func (s *Server) handleTokenEndpoint(w *statusWriter, r *http.Request, grant func(params) (any, *apiError)) {
	s.mu.Lock()
	s.tokenRequests++
	s.mu.Unlock()
	rec := TokenRequestRecord{Path: r.URL.Path, Method: r.Method, ContentType: s.redact(r.Header.Get("Content-Type")),
		UserAgent: s.redact(r.Header.Get("User-Agent")), Accept: s.redact(r.Header.Get("Accept"))}
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
		rec.GrantType, rec.ClientID, rec.InstanceID = s.redact(p.get("grant_type")), s.redact(p.get("client_id")), s.redact(p.get("instance_id"))
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
	body, aerr := grant(p)
	if aerr != nil {
		aerr.write(w)
		return
	}
	setNoStore(w)
	writeJSON(w, http.StatusOK, body)
}

// clientCredentials serves the client_credentials grant of Create Access
// Token: an app's ID and secret, and the instance to mint for. Apps with
// [App.AllowNoInstance] may leave the instance out.
func (s *Server) clientCredentials(p params) (any, *apiError) {
	if err := checkGrant(p, grantClientCredentials); err != nil {
		return nil, err
	}
	app, err := s.authenticate(p)
	if err != nil {
		return nil, err
	}
	var inst *Instance
	if id := p.get("instance_id"); id != "" {
		in, ok := app.instances[id]
		if !ok || in.Removed {
			const desc = "instance_id does not identify an installation of this app"
			if s.opts.ErrorShape == ShapeWix {
				return nil, wixAppError(http.StatusNotFound, "App instance not found", "NOT_FOUND", desc)
			}
			return nil, rfcError(http.StatusBadRequest, "invalid_request", desc)
		}
		inst = &in
	} else if !app.AllowNoInstance {
		return nil, rfcError(http.StatusBadRequest, "invalid_request", "instance_id is required for this app")
	}
	tok := s.mint(app, inst, grantClientCredentials, tokenLifetime)
	return TokenResponse{AccessToken: tok, TokenType: "Bearer", ExpiresIn: int(tokenLifetime / time.Second)}, nil
}

// checkGrant checks that the body asks for one of the grants an endpoint
// serves.
func checkGrant(p params, served ...string) *apiError {
	switch g := p.get("grant_type"); {
	case g == "":
		return rfcError(http.StatusBadRequest, "invalid_request", "grant_type is required")
	case !slices.Contains(served, g):
		return rfcError(http.StatusBadRequest, "unsupported_grant_type",
			"grant_type is not supported; this endpoint serves "+strings.Join(served, " and "))
	}
	return nil
}

// authenticate checks the client ID and secret of a token request.
func (s *Server) authenticate(p params) (*appEntry, *apiError) {
	clientID, secret := p.get("client_id"), p.get("client_secret")
	switch {
	case clientID == "":
		return nil, rfcError(http.StatusBadRequest, "invalid_request", "client_id is required")
	case secret == "":
		return nil, rfcError(http.StatusBadRequest, "invalid_request", "client_secret is required")
	}
	badClient := func(desc string) (*appEntry, *apiError) {
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
