// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package wixfake

import (
	"encoding/json"
	"fmt"
	"net/http"
)

// tokenInfo is the Token Info body. Active, Exp and Iat are strings, as in
// Wix's documented example, or a bool and numbers with
// [Options.TokenInfoNativeTypes].
type tokenInfo struct {
	Active      any    `json:"active"`
	SubjectType string `json:"subjectType,omitempty"`
	SubjectID   string `json:"subjectId,omitempty"`
	Exp         any    `json:"exp,omitempty"`
	Iat         any    `json:"iat,omitempty"`
	ClientID    string `json:"clientId,omitempty"`
	AccountID   string `json:"accountId,omitempty"`
	SiteID      string `json:"siteId,omitempty"`
	InstanceID  string `json:"instanceId,omitempty"`
}

// errTokenRequired answers a Token Info request without a token, with a Wix
// standard validation error.
var errTokenRequired = &answer{http.StatusBadRequest, json.RawMessage(`{"message":"token must not be empty","details":{"validationError":` +
	`{"fieldViolations":[{"field":"token","description":"must not be empty","violatedRule":"REQUIRED_FIELD"}]}}}`)}

// handleTokenInfo serves Token Info,
// https://dev.wix.com/docs/rest/app-management/oauth-2/token-info : POST
// {"token": "..."} describes a token the fake minted, by either grant. An
// expired token is {"active":"false"}, or a 401 with
// [Options.TokenInfoRejectExpired]; a token the fake never minted is a 400.
// Wix documents no errors for this call, so these answers are the fake's
// own choice.
func (s *Server) handleTokenInfo(w *statusWriter, r *http.Request) {
	if s.refuse(w, r, http.MethodPost) {
		return
	}
	p, perr := readParams(w, r)
	if perr != nil {
		wixAppError(perr.status, perr.message, "INVALID_ARGUMENT", perr.message).write(w)
		return
	}
	token := p.get("token")
	if token == "" {
		errTokenRequired.write(w)
		return
	}
	it, ok := s.LookupToken(token)
	if !ok {
		wixAppError(http.StatusBadRequest, "Invalid token", "INVALID_TOKEN", "token is not an access token issued by this server").write(w)
		return
	}
	info := tokenInfo{Active: s.infoValue(false)}
	switch {
	case s.now().Before(it.ExpiresAt):
		info = tokenInfo{
			Active:      s.infoValue(true),
			SubjectType: "APP",
			SubjectID:   it.ClientID,
			Exp:         s.infoValue(it.ExpiresAt.Unix()),
			Iat:         s.infoValue(it.IssuedAt.Unix()),
			ClientID:    it.ClientID,
			AccountID:   it.AccountID,
			SiteID:      it.SiteID,
			InstanceID:  it.InstanceID,
		}
	case s.opts.TokenInfoRejectExpired:
		wixAppError(http.StatusUnauthorized, "Token expired", "UNAUTHENTICATED", "the access token has expired").write(w)
		return
	}
	answer{http.StatusOK, info}.write(w)
}

// infoValue returns v as Token Info reports it: as text, or as it is with
// [Options.TokenInfoNativeTypes].
func (s *Server) infoValue(v any) any {
	if s.opts.TokenInfoNativeTypes {
		return v
	}
	return fmt.Sprint(v)
}
