// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/wixtf/terraform-provider-wix/internal/wix"
)

// The checks of setting values. Each runs as a schema validator on
// configured values (so that `terraform validate` reports them with the
// attribute highlighted), and in Configure on values taken from the
// environment. No check quotes a secret.

// textCheck checks the text of a string setting.
type textCheck interface {
	// check returns nil, an error written to follow the attribute's name,
	// or a warning (a valid value that looks wrong).
	check(value string) error
	// rule says in a few words what check accepts.
	rule() string
}

// warning is a check's verdict on a valid value that looks wrong.
type warning string

func (w warning) Error() string { return string(w) }

func isWarning(err error) bool {
	var w warning
	return errors.As(err, &w)
}

// settingValidator applies a setting's parse to a configured value, as a
// validator of string and int64 attributes.
type settingValidator struct{ s providerSetting }

var (
	_ validator.String = settingValidator{}
	_ validator.Int64  = settingValidator{}
)

func (v settingValidator) Description(context.Context) string { return v.s.rule() }

func (v settingValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v settingValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	_, err := v.s.parse(req.ConfigValue.ValueString())
	v.report(req.Path, err, &resp.Diagnostics)
}

func (v settingValidator) ValidateInt64(_ context.Context, req validator.Int64Request, resp *validator.Int64Response) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	_, err := v.s.parse(strconv.FormatInt(req.ConfigValue.ValueInt64(), 10))
	v.report(req.Path, err, &resp.Diagnostics)
}

func (v settingValidator) report(p path.Path, err error, diags interface {
	AddAttributeError(path.Path, string, string)
	AddAttributeWarning(path.Path, string, string)
}) {
	name, _ := v.s.names()
	switch {
	case err == nil:
	case isWarning(err):
		diags.AddAttributeWarning(p, "Unexpected "+v.s.title()+" Format", name+" "+err.Error()+".")
	default:
		diags.AddAttributeError(p, "Invalid "+v.s.title(), name+" "+err.Error()+".")
	}
}

var guidRE = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// credentialCheck checks a client ID, client secret or instance ID.
type credentialCheck struct {
	what  string // what Wix calls the value
	guid  bool   // Wix issues it as a GUID
	unset string // what removing it does; "" for "so that the next source is used"
}

func (c credentialCheck) check(v string) error {
	switch {
	case v == "":
		unset := c.unset
		if unset == "" {
			unset = "so that the next source is used"
		}
		return fmt.Errorf("is set to an empty string. Set it to %s, or remove it %s", c.what, unset)
	case strings.TrimSpace(v) == "":
		return fmt.Errorf("holds only whitespace. Set it to %s", c.what)
	case strings.TrimSpace(v) != v:
		return errors.New("has leading or trailing whitespace (often a stray newline from a file or a copy-paste). Remove it, for example with trimspace()")
	case strings.ContainsFunc(v, func(r rune) bool { return r < 0x20 || r == 0x7f }):
		return fmt.Errorf("holds control characters. Set it to %s", c.what)
	case c.guid && !guidRE.MatchString(v):
		// The value is not quoted: a secret pasted into the wrong field
		// must not end up in a CI log.
		return warning(fmt.Sprintf("(%d characters) does not look like a Wix ID: Wix issues %s as a GUID such as 1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d. "+
			"Check that it is not another value (a site ID, an app name or a secret); the token request will fail if Wix does not know it", len(v), c.what))
	}
	return nil
}

func (c credentialCheck) rule() string {
	if c.guid {
		return "must be non-empty, without surrounding whitespace; warns unless it is a GUID"
	}
	return "must be non-empty, without surrounding whitespace"
}

// apiURLCheck checks api_url without any network call.
type apiURLCheck struct{}

func (apiURLCheck) check(v string) error {
	if _, err := wix.ParseAPIURL(v); err != nil {
		return fmt.Errorf("is not usable: %s. Set it to %s (the default) or to your own proxy's https URL; plain http is accepted only for a loopback host such as http://127.0.0.1:8080", err, wix.DefaultAPIURL)
	}
	return nil
}

func (apiURLCheck) rule() string { return "must be an https URL, or http to a loopback host" }

// proxyURLCheck checks proxy_url.
type proxyURLCheck struct{}

func (proxyURLCheck) check(v string) error {
	_, err := parseProxyURL(v)
	return err
}

func (proxyURLCheck) rule() string { return "an http, https or socks5 URL" }

// parseProxyURL parses a proxy URL; its error follows "proxy_url".
func parseProxyURL(s string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || u.Host == "" {
		return nil, errors.New("is not an absolute URL: write it as http://proxy.example.com:3128")
	}
	switch u.Scheme {
	case "http", "https", "socks5":
		return u, nil
	}
	return nil, fmt.Errorf("has scheme %q: use http, https or socks5", u.Scheme)
}
