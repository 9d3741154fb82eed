// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package wixfake

import (
	"net/http"
	"strings"
)

// AppInstanceResponse is the success body of the protected Get App Instance
// call.
type AppInstanceResponse struct {
	// Instance is absent for tokens minted without an instance.
	Instance *AppInstanceInfo `json:"instance,omitempty"`
	// Site is the token's site.
	Site AppSiteInfo `json:"site"`
}

// AppInstanceInfo is the instance object of [AppInstanceResponse].
type AppInstanceInfo struct {
	// InstanceID is the app instance ID.
	InstanceID string `json:"instanceId"`
	// AppName is the [App.Name] of the token's app.
	AppName string `json:"appName"`
	// AppVersion is always "1.0.0".
	AppVersion string `json:"appVersion"`
	// IsFree is always true.
	IsFree bool `json:"isFree"`
}

// AppSiteInfo is the site object of [AppInstanceResponse].
type AppSiteInfo struct {
	// SiteID is the site (meta site) ID.
	SiteID string `json:"siteId"`
	// SiteDisplayName is derived from the site ID.
	SiteDisplayName string `json:"siteDisplayName"`
	// Locale is always "en".
	Locale string `json:"locale"`
}

// handleAppInstance serves Get App Instance,
// https://dev.wix.com/docs/rest/app-management/app-instance/get-app-instance ,
// to any token the fake minted and that has not expired.
func (s *Server) handleAppInstance(w *statusWriter, r *http.Request) {
	call := ProtectedCall{Path: r.URL.Path, Authorization: r.Header.Get("Authorization")}
	authenticated := false
	defer func() {
		call.Status = w.status
		call.Authorization = s.redact(call.Authorization)
		s.mu.Lock()
		s.protected = append(s.protected, call)
		if authenticated && call.Status == http.StatusOK {
			s.protectedAuthenticated++
		}
		s.mu.Unlock()
	}()

	if s.serveFault(w, r) {
		return
	}
	if r.Method != http.MethodGet {
		writeNotFound(w)
		return
	}
	token := tokenFromAuthorization(r.Header.Get("Authorization"))
	if token == "" {
		unauthenticated("Missing access token", "the request has no Authorization header with an access token").write(w)
		return
	}
	it, ok := s.LookupToken(token)
	if !ok {
		unauthenticated("Invalid access token", "the access token is not valid").write(w)
		return
	}
	call.Token = token
	if !s.now().Before(it.ExpiresAt) {
		unauthenticated("Access token expired", "the access token has expired; request a new one").write(w)
		return
	}
	authenticated = true

	resp := AppInstanceResponse{Site: AppSiteInfo{
		SiteID:          it.SiteID,
		SiteDisplayName: "Fake site " + it.SiteID,
		Locale:          "en",
	}}
	if it.InstanceID != "" {
		resp.Instance = &AppInstanceInfo{
			InstanceID: it.InstanceID,
			AppName:    s.apps[it.ClientID].app.Name,
			AppVersion: "1.0.0",
			IsFree:     true,
		}
	}
	writeJSON(w, http.StatusOK, resp)
}

func unauthenticated(message, description string) *apiError {
	return wixAppError(http.StatusUnauthorized, message, "UNAUTHENTICATED", description)
}

// tokenFromAuthorization returns the token of an Authorization header that
// carries it bare or after the Bearer scheme.
func tokenFromAuthorization(h string) string {
	h = strings.TrimSpace(h)
	const scheme = "bearer"
	if strings.EqualFold(h, scheme) {
		return ""
	}
	if len(h) > len(scheme) && strings.EqualFold(h[:len(scheme)], scheme) && (h[len(scheme)] == ' ' || h[len(scheme)] == '\t') {
		h = strings.TrimSpace(h[len(scheme):])
	}
	return h
}
