// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/wixtf/terraform-provider-wix/internal/wix"
)

// Every diagnostic here says what went wrong, which setting to fix (and
// where that setting's value came from), and what Wix said. None quotes a
// secret or a token: client secrets are redacted by the client, and tokens
// are never part of an error.

const whereToFindCredentials = "Find them on your app's OAuth page in the Wix Dev Center " +
	"(App ID and App secret), or for a Headless project in its OAuth app settings (client ID and client secret)."

func describeTarget(cr credentials) string {
	if cr.refreshToken.value != "" {
		return fmt.Sprintf("client %s with a refresh token", cr.clientID.value)
	}
	if cr.instanceID.value == "" {
		return fmt.Sprintf("client %s (no instance ID)", cr.clientID.value)
	}
	return fmt.Sprintf("client %s, instance %s", cr.clientID.value, cr.instanceID.value)
}

// attrError attaches the diagnostic to the resource attribute the setting
// came from, when it came from one.
func attrError(s resolved, summary, detail string) diag.Diagnostic {
	if p, ok := s.attrPath(); ok {
		return diag.NewAttributeErrorDiagnostic(p, summary, detail)
	}
	return diag.NewErrorDiagnostic(summary, detail)
}

func missingCredentials(cr credentials) diag.Diagnostic {
	var missing []string
	if cr.clientID.value == "" {
		missing = append(missing, fmt.Sprintf("client_id (or %s)", clientIDSetting.env))
	}
	if cr.clientSecret.value == "" {
		missing = append(missing, fmt.Sprintf("client_secret (or %s)", clientSecretSetting.env))
	}
	if len(missing) == 0 {
		return nil
	}
	verb := "are"
	if len(missing) == 1 {
		verb = "is"
	}
	return diag.NewErrorDiagnostic("Missing Wix Client Credentials",
		fmt.Sprintf("A Wix access token needs a client ID and a client secret, and %s %s not set. "+
			"Set %s in the provider \"wix\" block or in the environment (the ephemeral wix_access_token also takes them itself). %s",
			strings.Join(missing, " and "), verb, strings.Join(missing, " and "), whereToFindCredentials))
}

// wixCall names a call to Wix in the diagnostics of its failures.
type wixCall struct {
	name    string // "token", as in "The token URL was ..."
	path    string
	carries string // what a redirect must never take to another host
	noun    string // what a 200 without it lacks: "Token"
	request string // the summaries' name of the request: "Token Request"
	fails   string // the summary of a fault on Wix's side
}

var (
	tokenCall = wixCall{name: "token", path: wix.TokenPath, carries: "the client secret", noun: "Token",
		request: "Token Request", fails: "Wix Failed to Mint a Token"}
	legacyTokenCall = wixCall{name: "token", path: wix.LegacyTokenPath, carries: "the client secret and the refresh token", noun: "Token",
		request: "Token Request", fails: "Wix Failed to Mint a Token"}
	appInstanceCall = wixCall{name: "Get App Instance", path: wix.AppInstancePath, carries: "the access token", noun: "App Instance",
		request: "Get App Instance Call", fails: "Wix Failed to Answer Get App Instance"}
	tokenInfoCall = wixCall{name: "Token Info", path: wix.TokenInfoPath, carries: "the token", noun: "Token Info",
		request: "Token Info Call", fails: "Wix Failed to Answer Token Info"}
)

// said is what Wix said (or what went wrong), with the number of attempts.
func said(err error) string {
	attempts := ""
	if n := wix.AttemptsOf(err); n > 1 {
		attempts = fmt.Sprintf(" (after %d attempts)", n)
	}
	return strings.TrimRight(err.Error(), ".") + attempts + "."
}

// urlSentence says which URL was called and where api_url came from.
func urlSentence(call wixCall, apiURL resolved) string {
	return fmt.Sprintf("The %s URL was %s%s (api_url from %s).", call.name, apiURL.value, call.path, apiURL.source)
}

// tokenErrorDiagnostic turns a failed token request into one diagnostic.
func tokenErrorDiagnostic(err error, cr credentials, apiURL resolved, timeouts string) diag.Diagnostic {
	said := said(err)
	call := tokenCall
	if cr.refreshToken.value != "" {
		call = legacyTokenCall
	}
	api := urlSentence(call, apiURL)

	switch wix.KindOf(err) {
	case wix.KindInvalidGrant:
		return attrError(cr.refreshToken, "Wix Refused the Refresh Token", fmt.Sprintf(
			"%s\n\nWix does not accept refresh_token (from %s) from the app %s (client_id from %s, client_secret from %s). "+
				"The app may have been uninstalled from that site, which ends its refresh token; the refresh token may belong to "+
				"another app or installation, or the client secret may have been regenerated. Get the installation's refresh "+
				"token again (see the guide \"Apps on legacy custom authentication\"), and check the client credentials. %s",
			said, cr.refreshToken.source, cr.clientID.value,
			cr.clientID.source, cr.clientSecret.source, api))
	case wix.KindInvalidClient:
		s := cr.clientSecret
		if cr.clientID.attr != "" {
			s = cr.clientID
		}
		return attrError(s, "Wix Rejected the Client Credentials", fmt.Sprintf(
			"%s\n\nWix does not accept this client ID and client secret together. Check client_id (the App ID; from %s) "+
				"and client_secret (the App secret; from %s): the secret may have been regenerated, or belong to another app. %s",
			said, cr.clientID.source, cr.clientSecret.source, whereToFindCredentials))
	case wix.KindInstance:
		return attrError(cr.instanceID, "Wix Does Not Know This App Instance", fmt.Sprintf(
			"%s\n\nThe instance_id %q (from %s) is not an installation of the app %s: the ID is mistyped, belongs to another app, "+
				"or the app was uninstalled from that site. Use the instance ID that Wix sent when the app was installed "+
				"(the App Instance Installed webhook, or the app's dashboard), or install the app on the site again.",
			said, cr.instanceID.value, cr.instanceID.source, cr.clientID.value))
	case wix.KindInvalidRequest:
		blamed, hint := cr.instanceID, "Check client_id, client_secret and instance_id, and that api_url points at the Wix API."
		switch {
		case cr.refreshToken.value != "":
			blamed, hint = cr.refreshToken, "Check client_id, client_secret and refresh_token, and that api_url points at the Wix API."
		case cr.instanceID.value == "":
			hint = fmt.Sprintf("The request carried no instance ID (%s). A Wix app can only mint a token for one of its instances: "+
				"set instance_id. Only a Headless project's OAuth app mints tokens without one.", cr.instanceID.source)
		}
		return attrError(blamed, "Wix Rejected the Token Request", said+"\n\n"+hint+" "+api)
	}
	return callErrorDiagnostic(err, call, apiURL, timeouts)
}

// callErrorDiagnostic turns the failures every call to Wix can meet into
// one diagnostic: a rate limit, a fault on Wix's side, a redirect, an
// unusable answer, or no answer at all.
func callErrorDiagnostic(err error, call wixCall, apiURL resolved, timeouts string) diag.Diagnostic {
	var apiErr *wix.APIError
	var trErr *wix.TransportError
	errors.As(err, &apiErr)
	errors.As(err, &trErr)
	said, api := said(err), urlSentence(call, apiURL)

	switch wix.KindOf(err) {
	case wix.KindRateLimited:
		wait := ""
		if apiErr != nil && apiErr.RetryAfter > 0 {
			d := apiErr.RetryAfter.Truncate(time.Second)
			if d < apiErr.RetryAfter {
				d += time.Second
			}
			wait = fmt.Sprintf(" Wix asked to wait %s before trying again.", d)
		}
		return diag.NewErrorDiagnostic("Wix Rate-Limited the "+call.request, fmt.Sprintf(
			"%s%s\n\nWix limits requests per app instance (200 a minute). Run again in a minute; if many tokens are "+
				"minted at once, lower Terraform's -parallelism.", said, wait))
	case wix.KindServer:
		return diag.NewErrorDiagnostic(call.fails, fmt.Sprintf(
			"%s\n\nThis is a fault on Wix's side and usually passes: run again later. %s", said, api))
	case wix.KindRedirect:
		target := ""
		if apiErr != nil && apiErr.Location != "" {
			target = " to " + apiErr.Location
		}
		return attrError(apiURL, "Wix API URL Redirected", fmt.Sprintf(
			"%s\n\nThe %s endpoint answered with a redirect%s. The provider never follows redirects, so that %s "+
				"is never sent to another address. %s Set api_url (or %s) to the final address.", said, call.name, target, call.carries, api, apiURLSetting.env))
	case wix.KindBadResponse:
		return diag.NewErrorDiagnostic("Wix Returned No Usable "+call.noun, fmt.Sprintf(
			"%s\n\n%s If api_url points at a proxy, check that it forwards to the Wix API unchanged.", said, api))
	case wix.KindTransport:
		summary, hint := "Cannot Reach the Wix API", "Check the network, DNS and any proxy (HTTPS_PROXY, NO_PROXY)."
		if trErr != nil && trErr.Timeout {
			summary, hint = "Wix API Did Not Answer in Time", "Check the network and any proxy. The request gives up after "+timeouts+
				" (the provider's request_timeout and max_wait)."
		}
		if trErr != nil && trErr.TLS {
			summary, hint = "TLS Connection to the Wix API Failed", "The server's certificate was not trusted. Behind a TLS-inspecting proxy, trust its CA certificate."
		}
		return diag.NewErrorDiagnostic(summary, fmt.Sprintf("%s\n\n%s %s", said, hint, api))
	}
	return diag.NewErrorDiagnostic("Wix "+call.request+" Failed", said+"\n\n"+api)
}

// unknownUntilApply is the error of a data source whose settings are not
// known during plan, when data sources are read; more is a further hint.
func unknownUntilApply(unknown []string, more string) diag.Diagnostic {
	return diag.NewErrorDiagnostic("Wix Credentials Not Known Until Apply", fmt.Sprintf(
		"This data source is read during plan, but %s is not known until apply: it comes from a resource that is not created yet. "+
			"Add depends_on = [<that resource>] to this data source so that Terraform reads it during apply.%s",
		strings.Join(unknown, " and "), more))
}
