// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package wixfake

import (
	"net/http"
	"strconv"
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
		wixFieldError(http.StatusBadRequest, "token must not be empty", "token", "must not be empty", "REQUIRED_FIELD").write(w)
		return
	}
	it, ok := s.LookupToken(token)
	if !ok {
		wixAppError(http.StatusBadRequest, "Invalid token", "INVALID_TOKEN", "token is not an access token issued by this server").write(w)
		return
	}
	native := s.opts.TokenInfoNativeTypes
	info := tokenInfo{Active: ifNative(native, false, "false")}
	switch {
	case s.now().Before(it.ExpiresAt):
		info = tokenInfo{
			Active:      ifNative(native, true, "true"),
			SubjectType: "APP",
			SubjectID:   it.ClientID,
			Exp:         ifNative(native, it.ExpiresAt.Unix(), strconv.FormatInt(it.ExpiresAt.Unix(), 10)),
			Iat:         ifNative(native, it.IssuedAt.Unix(), strconv.FormatInt(it.IssuedAt.Unix(), 10)),
			ClientID:    it.ClientID,
			AccountID:   it.AccountID,
			SiteID:      it.SiteID,
			InstanceID:  it.InstanceID,
		}
	case s.opts.TokenInfoRejectExpired:
		wixAppError(http.StatusUnauthorized, "Token expired", "UNAUTHENTICATED", "the access token has expired").write(w)
		return
	}
	setNoStore(w)
	writeJSON(w, http.StatusOK, info)
}

func ifNative[T any](native bool, v T, s string) any {
	if native {
		return v
	}
	return s
}
