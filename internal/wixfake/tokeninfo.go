// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package wixfake

import (
	"errors"
	"net/http"
	"strconv"
)

// TokenInfo is the token-info body in its documented form, where active, exp
// and iat are strings.
type TokenInfo struct {
	// Active is "true" or "false".
	Active string `json:"active"`
	// SubjectType is "APP" for client-credentials tokens.
	SubjectType string `json:"subjectType,omitempty"`
	// SubjectID is the app (client) ID for client-credentials tokens.
	SubjectID string `json:"subjectId,omitempty"`
	// Exp is the expiry time in Unix seconds, as a decimal string.
	Exp string `json:"exp,omitempty"`
	// Iat is the issue time in Unix seconds, as a decimal string.
	Iat string `json:"iat,omitempty"`
	// ClientID is the app that created the token.
	ClientID string `json:"clientId,omitempty"`
	// AccountID is the account owning the token's site, when known.
	AccountID string `json:"accountId,omitempty"`
	// SiteID is the site the token is for.
	SiteID string `json:"siteId,omitempty"`
	// InstanceID is the app instance, absent for tokens minted without one.
	InstanceID string `json:"instanceId,omitempty"`
}

// TokenInfoNative is the token-info body with native JSON types, sent when
// [Options.TokenInfoNativeTypes] is set.
type TokenInfoNative struct {
	// Active reports whether the token is valid.
	Active bool `json:"active"`
	// SubjectType is "APP" for client-credentials tokens.
	SubjectType string `json:"subjectType,omitempty"`
	// SubjectID is the app (client) ID for client-credentials tokens.
	SubjectID string `json:"subjectId,omitempty"`
	// Exp is the expiry time in Unix seconds.
	Exp int64 `json:"exp,omitempty"`
	// Iat is the issue time in Unix seconds.
	Iat int64 `json:"iat,omitempty"`
	// ClientID is the app that created the token.
	ClientID string `json:"clientId,omitempty"`
	// AccountID is the account owning the token's site, when known.
	AccountID string `json:"accountId,omitempty"`
	// SiteID is the site the token is for.
	SiteID string `json:"siteId,omitempty"`
	// InstanceID is the app instance, absent for tokens minted without one.
	InstanceID string `json:"instanceId,omitempty"`
}

// handleTokenInfo serves WIX_API.md section 9.3.
func (s *Server) handleTokenInfo(w *statusWriter, r *http.Request) {
	if s.serveFault(w, r) {
		return
	}
	if r.Method != http.MethodPost {
		writeNotFound(w)
		return
	}
	p, err := readParams(w, r)
	if err != nil {
		var pe *paramError
		errors.As(err, &pe)
		wixAppError(pe.status, pe.message, "INVALID_ARGUMENT", pe.message).write(w)
		return
	}
	token := p.get("token")
	if token == "" {
		wixFieldError(http.StatusBadRequest, "token must not be empty", "token",
			"must not be empty", "REQUIRED_FIELD").write(w)
		return
	}
	it, ok := s.LookupToken(token)
	if !ok {
		wixAppError(http.StatusBadRequest, "Invalid token", "INVALID_TOKEN",
			"token is not an access token issued by this server").write(w)
		return
	}
	setNoStore(w)
	if !s.now().Before(it.ExpiresAt) {
		switch {
		case s.opts.TokenInfoRejectExpired:
			wixAppError(http.StatusUnauthorized, "Token expired", "UNAUTHENTICATED", "the access token has expired").write(w)
		case s.opts.TokenInfoNativeTypes:
			writeJSON(w, http.StatusOK, TokenInfoNative{Active: false})
		default:
			writeJSON(w, http.StatusOK, TokenInfo{Active: "false"})
		}
		return
	}
	if s.opts.TokenInfoNativeTypes {
		writeJSON(w, http.StatusOK, TokenInfoNative{
			Active:      true,
			SubjectType: "APP",
			SubjectID:   it.ClientID,
			Exp:         it.ExpiresAt.Unix(),
			Iat:         it.IssuedAt.Unix(),
			ClientID:    it.ClientID,
			AccountID:   it.AccountID,
			SiteID:      it.SiteID,
			InstanceID:  it.InstanceID,
		})
		return
	}
	writeJSON(w, http.StatusOK, TokenInfo{
		Active:      "true",
		SubjectType: "APP",
		SubjectID:   it.ClientID,
		Exp:         strconv.FormatInt(it.ExpiresAt.Unix(), 10),
		Iat:         strconv.FormatInt(it.IssuedAt.Unix(), 10),
		ClientID:    it.ClientID,
		AccountID:   it.AccountID,
		SiteID:      it.SiteID,
		InstanceID:  it.InstanceID,
	})
}
