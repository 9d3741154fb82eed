// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/wixtf/terraform-provider-wix/internal/wix"
)

// The checks below run twice: as schema validators on configured values (so
// `terraform validate` reports them with the attribute highlighted), and in
// Configure on values taken from the environment.

var guidRE = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// idKind describes one credential attribute for the checks and messages.
type idKind struct {
	attr   string // attribute name
	env    string // environment variable
	what   string // what Wix calls it
	isGUID bool   // Wix issues it as a GUID
}

var (
	kindClientID     = idKind{attr: "client_id", env: envClientID, what: "the App ID (Wix app) or client ID (Headless OAuth app)", isGUID: true}
	kindClientSecret = idKind{attr: "client_secret", env: envClientSecret, what: "the App secret (Wix app) or client secret (Headless OAuth app)"}
	kindInstanceID   = idKind{attr: "instance_id", env: envInstanceID, what: "the app instance ID", isGUID: true}
)

// checkCredential returns an error (the value cannot work) or a warning (the
// value looks wrong) for a credential value. Messages never quote a secret.
func checkCredential(k idKind, v string) (errMsg, warnMsg string) {
	switch {
	case v == "":
		return fmt.Sprintf("%s is set to an empty string. Set it to %s, or remove it so that the next source is used.", k.attr, k.what), ""
	case strings.TrimSpace(v) == "":
		return fmt.Sprintf("%s holds only whitespace. Set it to %s.", k.attr, k.what), ""
	case strings.TrimSpace(v) != v:
		return fmt.Sprintf("%s has leading or trailing whitespace (often a stray newline from a file or a copy-paste). Remove it, for example with trimspace().", k.attr), ""
	case strings.ContainsFunc(v, func(r rune) bool { return r < 0x20 || r == 0x7f }):
		return fmt.Sprintf("%s holds control characters. Set it to %s.", k.attr, k.what), ""
	case k.isGUID && !guidRE.MatchString(v):
		// The value is not quoted: a secret pasted into the wrong field
		// must not end up in a CI log.
		return "", fmt.Sprintf("%s (%d characters) does not look like a Wix ID: Wix issues %s as a GUID such as 1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d. Check that it is not another value (a site ID, an app name or a secret); the token request will fail if Wix does not know it.", k.attr, len(v), k.what)
	}
	return "", ""
}

// credentialValidator applies checkCredential to a configured attribute.
type credentialValidator struct{ kind idKind }

var _ validator.String = credentialValidator{}

func (v credentialValidator) Description(context.Context) string {
	if v.kind.isGUID {
		return "must be non-empty, without surrounding whitespace; warns unless it is a GUID"
	}
	return "must be non-empty, without surrounding whitespace"
}

func (v credentialValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v credentialValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	errMsg, warnMsg := checkCredential(v.kind, req.ConfigValue.ValueString())
	if errMsg != "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+titleOf(v.kind.attr), errMsg)
	}
	if warnMsg != "" {
		resp.Diagnostics.AddAttributeWarning(req.Path, "Unexpected "+titleOf(v.kind.attr)+" Format", warnMsg)
	}
}

// apiURLValidator checks api_url without any network call.
type apiURLValidator struct{}

var _ validator.String = apiURLValidator{}

func (apiURLValidator) Description(context.Context) string {
	return "must be an https URL, or http to a loopback host"
}

func (v apiURLValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (apiURLValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := wix.ParseAPIURL(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Wix API URL", apiURLProblem("api_url", err))
	}
}

func apiURLProblem(source string, err error) string {
	return fmt.Sprintf("%s is not usable: %s. Set it to %s (the default) or to your own proxy's https URL; plain http is accepted only for a loopback host such as http://127.0.0.1:8080.", source, err, wix.DefaultAPIURL)
}

func titleOf(attr string) string {
	switch attr {
	case "client_id":
		return "Client ID"
	case "client_secret":
		return "Client Secret"
	case "instance_id":
		return "Instance ID"
	}
	return attr
}
