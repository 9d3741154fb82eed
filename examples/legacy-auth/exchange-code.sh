#!/bin/sh
# Exchanges the one-time authorization code that Wix sent to the app's
# redirect URL for the installation's refresh token, and prints that
# refresh token only. The code lives ten minutes and works once.
#
#   WIX_CLIENT_ID=<App ID> WIX_CLIENT_SECRET=<App secret> ./exchange-code.sh <code>
#
# The request body goes to curl on standard input, so the secret is not on
# any command line. WIX_API_URL overrides https://www.wixapis.com.
set -eu
code=${1:?usage: exchange-code.sh CODE}
api=${WIX_API_URL:-https://www.wixapis.com}
# JSON strings: a backslash or a double quote in a value is escaped.
json() { printf '%s' "$1" | sed 's/[\\"]/\\&/g'; }
answer=$(printf '{"grant_type":"authorization_code","client_id":"%s","client_secret":"%s","code":"%s"}' \
	"$(json "$WIX_CLIENT_ID")" "$(json "$WIX_CLIENT_SECRET")" "$(json "$code")" |
	curl -sS --fail-with-body -X POST "$api/oauth/access" -H 'Content-Type: application/json' --data-binary @-) || {
	echo "exchange-code.sh: Wix refused the code (it works once, for ten minutes): $answer" >&2
	exit 1
}
refresh=$(printf '%s' "$answer" | sed -n 's/.*"refresh_token" *: *"\([^"]*\)".*/\1/p')
[ -n "$refresh" ] || { echo "exchange-code.sh: the answer holds no refresh_token" >&2; exit 1; }
printf '%s\n' "$refresh"
