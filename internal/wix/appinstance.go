// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package wix

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
)

// AppInstancePath is Get App Instance, which describes the installation a
// token is for: https://dev.wix.com/docs/rest/app-management/app-instance/get-app-instance
const AppInstancePath = "/apps/v1/instance"

// AppInstance is what Get App Instance says about an installation of an app
// and its site. Wix's SDK types make every field optional: a text that Wix
// does not send is nil, and a list it does not send is empty.
type AppInstance struct {
	InstanceID       *string
	AppName          *string
	AppVersion       *string
	IsFree           *bool
	Permissions      []string // the permission scopes the site owner granted, in Wix's order
	SiteID           *string
	SiteDisplayName  *string
	Locale           *string
	PaymentCurrency  *string
	SiteURL          *string // nil until the site is published
	InstalledWixApps []string
	Attempts         int
}

// GetAppInstance asks Wix about the installation token was minted for,
// sending the token bare in Authorization as Wix documents. The token never
// appears in an error.
func (c *Client) GetAppInstance(ctx context.Context, token string) (*AppInstance, error) {
	a, err := c.send(ctx, request{
		method: http.MethodGet, path: AppInstancePath,
		authorization: token,
		secrets:       []string{token},
	})
	if err != nil {
		return nil, err
	}
	info, err := decodeWith(a, decodeAppInstance)
	if err == nil {
		info.Attempts = a.attempts
	}
	return info, err
}

// decodeAppInstance reads a Get App Instance answer. Every field is
// optional; a field of the wrong JSON type is treated as missing, except
// that the body must be a JSON object. The error never quotes the body.
func decodeAppInstance(data []byte) (*AppInstance, error) {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil || top == nil {
		return nil, errors.New("the body is not a JSON object")
	}
	// A part of the wrong shape is missing, like a field of the wrong type.
	var in, site map[string]json.RawMessage
	_ = json.Unmarshal(top["instance"], &in)
	_ = json.Unmarshal(top["site"], &site)
	return &AppInstance{
		InstanceID:       optionalText(in["instanceId"]),
		AppName:          optionalText(in["appName"]),
		AppVersion:       optionalText(in["appVersion"]),
		IsFree:           optionalBool(in["isFree"]),
		Permissions:      textList(in["permissions"]),
		SiteID:           optionalText(site["siteId"]),
		SiteDisplayName:  optionalText(site["siteDisplayName"]),
		Locale:           optionalText(site["locale"]),
		PaymentCurrency:  optionalText(site["paymentCurrency"]),
		SiteURL:          optionalText(site["url"]),
		InstalledWixApps: textList(site["installedWixApps"]),
	}, nil
}

// optionalText is a JSON string, or nil when the value is missing, null or
// not a string.
func optionalText(raw json.RawMessage) *string {
	var s *string
	if json.Unmarshal(raw, &s) != nil || s == nil {
		return nil
	}
	v := sanitize(*s, 2048)
	return &v
}

// optionalBool is a JSON boolean, or nil when the value is missing, null or
// not a boolean.
func optionalBool(raw json.RawMessage) *bool {
	var b *bool
	if json.Unmarshal(raw, &b) != nil {
		return nil
	}
	return b
}

// textList is a JSON list of strings, without its non-string entries;
// empty when the value is missing or not a list.
func textList(raw json.RawMessage) []string {
	var items []json.RawMessage
	out := []string{}
	if json.Unmarshal(raw, &items) != nil {
		return out
	}
	for _, it := range items {
		if s := optionalText(it); s != nil {
			out = append(out, *s)
		}
	}
	return out
}
