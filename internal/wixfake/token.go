// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package wixfake

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// GrantClientCredentials is the only grant type the fake implements.
const GrantClientCredentials = "client_credentials"

// AccessTokenPrefix starts every access token the fake mints, as it starts
// real Wix OAuth access tokens.
const AccessTokenPrefix = "OauthNG.JWS."

// tokenHeaderJSON is the JWS header of minted tokens.
const tokenHeaderJSON = `{"kid":"mock","alg":"HS256"}`

// Error descriptions of the token endpoint. They never quote a request
// value.
const (
	descGrantTypeMissing   = "grant_type is required"
	descGrantTypeUnknown   = "grant_type is not supported; this server implements client_credentials"
	descClientIDMissing    = "client_id is required"
	descClientSecretNeeded = "client_secret is required for the client_credentials grant"
	descUnknownClient      = "client authentication failed: unknown client_id"
	descWrongSecret        = "client authentication failed: client_secret does not match"
	descNoSecret           = "client authentication failed: no client secret has been generated for this client"
	descInstanceRequired   = "instance_id is required for this app"
	descInstanceNotFound   = "instance_id does not identify an installation of this app"
	msgInstanceNotFound    = "App instance not found"
)

// TokenResponse is the success body of the token endpoint.
type TokenResponse struct {
	// AccessToken is the minted token.
	AccessToken string `json:"access_token"`
	// TokenType is always "Bearer".
	TokenType string `json:"token_type"`
	// ExpiresIn is always [ExpiresInSeconds].
	ExpiresIn int `json:"expires_in"`
}

// TokenPayload is the decoded middle part of a minted access token.
type TokenPayload struct {
	// Data is a JSON document, {"instance":{...}}, see [TokenData].
	Data string `json:"data"`
	// IssuedAt is the issue time in Unix seconds.
	IssuedAt int64 `json:"iat"`
	// ExpiresAt is the expiry time in Unix seconds, IssuedAt+14400.
	ExpiresAt int64 `json:"exp"`
}

// TokenData is the decoded [TokenPayload.Data].
type TokenData struct {
	// Instance describes what the token is for.
	Instance TokenInstance `json:"instance"`
}

// TokenInstance is the instance object inside [TokenData], modelled on the
// fields of real Wix access tokens.
type TokenInstance struct {
	// InstanceID is empty for tokens minted without an instance.
	InstanceID string `json:"instanceId,omitempty"`
	// AppDefID is the app (client) ID.
	AppDefID string `json:"appDefId"`
	// SignDate is the issue time, RFC 3339 with milliseconds.
	SignDate string `json:"signDate"`
	// Permissions is empty for client-credentials tokens.
	Permissions string `json:"permissions"`
	// DemoMode is always false.
	DemoMode bool `json:"demoMode"`
	// SiteOwnerID is the account owning the site, if known.
	SiteOwnerID string `json:"siteOwnerId,omitempty"`
	// MetaSiteID is the site ID.
	MetaSiteID string `json:"metaSiteId,omitempty"`
	// ExpirationDate is the expiry time, RFC 3339 with milliseconds.
	ExpirationDate string `json:"expirationDate"`
	// TokenID makes every minted token unique.
	TokenID string `json:"tokenId"`
}

// DecodeAccessToken decodes the payload of an access token minted by the
// fake, without checking its signature or whether it is still known.
func DecodeAccessToken(token string) (TokenPayload, TokenData, error) {
	var (
		p TokenPayload
		d TokenData
	)
	if !strings.HasPrefix(token, AccessTokenPrefix) {
		return p, d, errors.New("not an OauthNG.JWS token")
	}
	parts := strings.Split(token[len(AccessTokenPrefix):], ".")
	if len(parts) != 3 {
		return p, d, errors.New("token does not have three JWS parts")
	}
	raw, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return p, d, fmt.Errorf("token payload: %w", err)
	}
	if err := json.Unmarshal(raw, &p); err != nil {
		return p, d, fmt.Errorf("token payload: %w", err)
	}
	if err := json.Unmarshal([]byte(p.Data), &d); err != nil {
		return p, d, fmt.Errorf("token data: %w", err)
	}
	return p, d, nil
}

func (s *Server) handleToken(w *statusWriter, r *http.Request) {
	rec := TokenRequestRecord{
		Method:      r.Method,
		ContentType: r.Header.Get("Content-Type"),
		UserAgent:   r.Header.Get("User-Agent"),
		Accept:      r.Header.Get("Accept"),
	}
	defer func() {
		rec.Status = w.status
		for _, f := range []*string{&rec.ContentType, &rec.UserAgent, &rec.Accept, &rec.GrantType, &rec.ClientID, &rec.InstanceID} {
			*f = s.redact(*f)
		}
		s.mu.Lock()
		s.tokenLog = append(s.tokenLog, rec)
		s.mu.Unlock()
	}()

	var (
		p    *params
		perr error
	)
	if r.Method == http.MethodPost {
		p, perr = readParams(w, r)
		rec.BodyEncoding = p.encoding
		rec.GrantType = p.get("grant_type")
		rec.ClientID = p.get("client_id")
		rec.InstanceID = p.get("instance_id")
		rec.HasInstanceID = p.has("instance_id")
		rec.FieldSpelling = p.spelling()
		rec.SecretMatched = s.secretMatches(rec.ClientID, p.get("client_secret"))
	}

	if err := s.wait(r.Context(), s.opts.Latency); err != nil {
		abandon(err)
		return
	}
	if s.serveFault(w, r) {
		return
	}
	if r.Method != http.MethodPost {
		writeNotFound(w)
		return
	}
	if perr != nil {
		var pe *paramError
		errors.As(perr, &pe)
		rfcError(pe.status, "invalid_request", pe.message).write(w)
		return
	}
	tok, aerr := s.clientCredentials(p)
	if aerr != nil {
		aerr.write(w)
		return
	}
	setNoStore(w)
	writeJSON(w, http.StatusOK, TokenResponse{
		AccessToken: tok.Token,
		TokenType:   "Bearer",
		ExpiresIn:   ExpiresInSeconds,
	})
}

// secretMatches reports, in constant time, whether secret is the configured
// secret of clientID.
func (s *Server) secretMatches(clientID, secret string) bool {
	a, ok := s.apps[clientID]
	if !ok || a.app.ClientSecret == "" || secret == "" {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(a.app.ClientSecret), []byte(secret)) == 1
}

// clientCredentials validates a client_credentials request and mints a
// token, following WIX_API.md section 9.1 and 9.2.
func (s *Server) clientCredentials(p *params) (IssuedToken, *apiError) {
	badClient := func(desc string) (IssuedToken, *apiError) {
		return IssuedToken{}, rfcError(s.opts.InvalidClientStatus, "invalid_client", desc)
	}
	switch grant := p.get("grant_type"); {
	case grant == "":
		return IssuedToken{}, rfcError(http.StatusBadRequest, "invalid_request", descGrantTypeMissing)
	case grant != GrantClientCredentials:
		return IssuedToken{}, rfcError(http.StatusBadRequest, "unsupported_grant_type", descGrantTypeUnknown)
	}
	clientID, secret := p.get("client_id"), p.get("client_secret")
	if clientID == "" {
		return IssuedToken{}, rfcError(http.StatusBadRequest, "invalid_request", descClientIDMissing)
	}
	if secret == "" {
		return IssuedToken{}, rfcError(http.StatusBadRequest, "invalid_request", descClientSecretNeeded)
	}
	app, ok := s.apps[clientID]
	switch {
	case !ok:
		return badClient(descUnknownClient)
	case app.app.ClientSecret == "":
		return badClient(descNoSecret)
	case !s.secretMatches(clientID, secret):
		return badClient(descWrongSecret)
	}

	instanceID := p.get("instance_id")
	if instanceID == "" {
		if !app.app.AllowNoInstance {
			return IssuedToken{}, rfcError(http.StatusBadRequest, "invalid_request", descInstanceRequired)
		}
		return s.mint(app, nil), nil
	}
	inst, ok := app.instances[instanceID]
	if !ok || inst.Removed {
		if s.opts.ErrorShape == ShapeWix {
			return IssuedToken{}, wixAppError(http.StatusNotFound, msgInstanceNotFound, "NOT_FOUND", descInstanceNotFound)
		}
		return IssuedToken{}, rfcError(http.StatusBadRequest, "invalid_request", descInstanceNotFound)
	}
	return s.mint(app, &inst), nil
}

// mint creates and records a token for app, on inst or, when inst is nil, on
// the app's own site.
func (s *Server) mint(app *appEntry, inst *Instance) IssuedToken {
	issued := s.now().UTC().Truncate(time.Second)
	it := IssuedToken{
		ClientID:  app.app.ClientID,
		SiteID:    app.app.SiteID,
		IssuedAt:  issued,
		ExpiresAt: issued.Add(TokenLifetime),
	}
	if inst != nil {
		it.InstanceID = inst.InstanceID
		it.SiteID = inst.SiteID
		it.AccountID = inst.AccountID
	}

	s.mu.Lock()
	s.seq++
	seq := s.seq
	s.mu.Unlock()

	const millis = "2006-01-02T15:04:05.000Z07:00"
	data, _ := json.Marshal(TokenData{Instance: TokenInstance{
		InstanceID:     it.InstanceID,
		AppDefID:       it.ClientID,
		SignDate:       it.IssuedAt.Format(millis),
		SiteOwnerID:    it.AccountID,
		MetaSiteID:     it.SiteID,
		ExpirationDate: it.ExpiresAt.Format(millis),
		TokenID:        fmt.Sprintf("%08x-%s", seq, rand.Text()),
	}})
	payload, _ := json.Marshal(TokenPayload{
		Data:      string(data),
		IssuedAt:  it.IssuedAt.Unix(),
		ExpiresAt: it.ExpiresAt.Unix(),
	})
	b64 := base64.RawURLEncoding.EncodeToString
	signed := b64([]byte(tokenHeaderJSON)) + "." + b64(payload)
	mac := hmac.New(sha256.New, s.signKey)
	mac.Write([]byte(signed))
	it.Token = AccessTokenPrefix + signed + "." + b64(mac.Sum(nil))

	s.mu.Lock()
	s.issued = append(s.issued, it.Token)
	stored := it
	s.tokens[it.Token] = &stored
	s.mu.Unlock()
	return it
}
