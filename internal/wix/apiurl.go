// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package wix

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
)

// DefaultAPIURL is the base URL of the Wix REST API.
const DefaultAPIURL = "https://www.wixapis.com"

// ParseAPIURL checks a base URL for the Wix API and returns it normalised
// (no trailing slash). It must be an absolute https URL, or a plain http URL
// whose host is a loopback address (127.0.0.0/8, ::1 or localhost), with no
// credentials, query or fragment. The error text is written for a user and
// never repeats the URL's user-info part.
func ParseAPIURL(raw string) (*url.URL, error) {
	if strings.TrimSpace(raw) != raw {
		return nil, errors.New("it has leading or trailing whitespace")
	}
	if raw == "" {
		return nil, errors.New("it is empty")
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil, errors.New("it is not a valid URL")
	}
	if u.User != nil {
		return nil, errors.New("it must not contain a user name or password")
	}
	if u.Scheme == "" || u.Host == "" {
		return nil, errors.New("it must be an absolute URL such as " + DefaultAPIURL)
	}
	if u.Opaque != "" {
		return nil, errors.New("it must be an absolute URL such as " + DefaultAPIURL)
	}
	if u.RawQuery != "" || u.ForceQuery || u.Fragment != "" {
		return nil, errors.New("it must not have a query string or fragment")
	}
	switch strings.ToLower(u.Scheme) {
	case "https":
	case "http":
		if !IsLoopbackHost(u.Hostname()) {
			return nil, fmt.Errorf("plain http is only allowed to a loopback host (127.0.0.1, ::1 or localhost), not %q; use https", u.Hostname())
		}
	default:
		return nil, fmt.Errorf("its scheme must be https (or http to a loopback host), not %q", u.Scheme)
	}
	if u.Port() != "" {
		if _, err := net.LookupPort("tcp", u.Port()); err != nil {
			return nil, fmt.Errorf("its port %q is not valid", u.Port())
		}
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = strings.TrimRight(u.RawPath, "/")
	return u, nil
}

// IsLoopbackHost reports whether host names the local machine: localhost,
// an address in 127.0.0.0/8, or ::1.
func IsLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
