// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package wixfake

import (
	"cmp"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
)

// AppInstanceResponse is the success body of Get App Instance, with the
// fields of Wix's generated SDK types. The fake leaves out billing,
// site.ownerInfo and site.siteUserType.
type AppInstanceResponse struct {
	Instance *AppInstanceInfo `json:"instance,omitempty"` // absent for a token minted without an instance
	Site     AppSiteInfo      `json:"site"`
}

// AppInstanceInfo is the instance object of [AppInstanceResponse].
// AppName, AppVersion (null when empty) and IsFree come from [App.Name],
// [Instance.AppVersion] and [App.Free]; the fields after Permissions are
// always empty, null or false: no fixture has plans or is a template copy.
type AppInstanceInfo struct {
	InstanceID           string            `json:"instanceId"`
	AppName              string            `json:"appName"`
	AppVersion           *string           `json:"appVersion"`
	IsFree               bool              `json:"isFree"`
	Permissions          []string          `json:"permissions"`
	AvailablePlans       []json.RawMessage `json:"availablePlans"`
	OriginInstanceID     *string           `json:"originInstanceId"`
	IsOriginSiteTemplate bool              `json:"isOriginSiteTemplate"`
	CopiedFromTemplate   bool              `json:"copiedFromTemplate"`
	FreeTrialAvailable   bool              `json:"freeTrialAvailable"`
}

// AppSiteInfo is the site object of [AppInstanceResponse], from [Site]:
// SiteDisplayName and URL are null when empty (URL until the site is
// published). Every site is in one language and has no description.
type AppSiteInfo struct {
	SiteID          string  `json:"siteId"`
	SiteDisplayName *string `json:"siteDisplayName"`
	Locale          string  `json:"locale"`
	PaymentCurrency string  `json:"paymentCurrency"`
	Multilingual    struct {
		IsMultiLingual     bool              `json:"isMultiLingual"`
		SupportedLanguages []json.RawMessage `json:"supportedLanguages"`
	} `json:"multilingual"`
	URL              *string  `json:"url"`
	Description      *string  `json:"description"`
	InstalledWixApps []string `json:"installedWixApps"`
}

// handleAppInstance serves Get App Instance,
// https://dev.wix.com/docs/rest/app-management/app-instance/get-app-instance ,
// to any token the fake minted that has not expired and whose instance (or
// app) grants [PermissionManageAppInstance]. Every call is recorded.
func (s *Server) handleAppInstance(w *statusWriter, r *http.Request) {
	call := ProtectedCall{Path: r.URL.Path, Authorization: r.Header.Get("Authorization"), SiteID: r.Header.Get("wix-site-id")}
	defer func() {
		call.Status = w.status
		call.Authorization = s.redact(call.Authorization)
		s.mu.Lock()
		s.protected = append(s.protected, call)
		s.mu.Unlock()
	}()

	if s.refuse(w, r, http.MethodGet) {
		return
	}
	// The token comes bare or after the Bearer scheme.
	f := strings.Fields(call.Authorization)
	if len(f) > 0 && strings.EqualFold(f[0], "bearer") {
		f = f[1:]
	}
	token := strings.Join(f, " ")
	if token == "" {
		wixAppError(http.StatusUnauthorized, "Missing access token", "UNAUTHENTICATED", "the request has no Authorization header with an access token").write(w)
		return
	}
	it, ok := s.LookupToken(token)
	if !ok {
		wixAppError(http.StatusUnauthorized, "Invalid access token", "UNAUTHENTICATED", "the access token is not valid").write(w)
		return
	}
	call.Token = token
	if !s.now().Before(it.ExpiresAt) {
		wixAppError(http.StatusUnauthorized, "Access token expired", "UNAUTHENTICATED", "the access token has expired; request a new one").write(w)
		return
	}
	// A token without an instance has the app's site and permissions.
	app := s.apps[it.ClientID]
	in, site, perms := app.instances[it.InstanceID], app.Site, app.Permissions
	if it.InstanceID != "" {
		site = in.Site
		if in.Permissions != nil {
			perms = in.Permissions
		}
	}
	if perms == nil {
		perms = []string{PermissionManageAppInstance}
	}
	if !slices.Contains(perms, PermissionManageAppInstance) {
		wixAppError(http.StatusForbidden, "Permission denied", "PERMISSION_DENIED",
			"the app lacks the Manage Your App permission ("+PermissionManageAppInstance+") on this site").write(w)
		return
	}

	resp := AppInstanceResponse{Site: AppSiteInfo{
		SiteID:           it.SiteID,
		SiteDisplayName:  nullable(site.SiteDisplayName),
		Locale:           cmp.Or(site.Locale, "en"),
		PaymentCurrency:  cmp.Or(site.PaymentCurrency, "USD"),
		URL:              nullable(site.URL),
		InstalledWixApps: append([]string{}, site.InstalledWixApps...),
	}}
	resp.Site.Multilingual.SupportedLanguages = []json.RawMessage{}
	if it.InstanceID != "" {
		resp.Instance = &AppInstanceInfo{
			InstanceID:     in.InstanceID,
			AppName:        app.Name,
			AppVersion:     nullable(in.AppVersion),
			IsFree:         app.Free,
			Permissions:    append([]string{}, perms...),
			AvailablePlans: []json.RawMessage{},
		}
	}
	writeJSON(w, http.StatusOK, resp)
}

// nullable returns nil for "", so that JSON shows null.
func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
