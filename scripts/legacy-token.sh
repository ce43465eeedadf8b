#!/usr/bin/env bash
# Prints the legacy-format token of a credential: the same bytes that authtoken-service
# issues for a credential whose tokenFormat is "legacy", and that the old client-side
# library produced. It needs only bash and openssl, for minting a token where the service
# cannot be reached. The token never expires.
#
# Usage: scripts/legacy-token.sh KEY SECRET
#
# The header is {"typ":"JWT","alg":"HS256"} and the payload
# {"iss":"<KEY>","iat":null,"exp":null,"aud":"","sub":""}, each base64url without
# padding, signed with HMAC-SHA256 keyed with the secret's bytes as given, which must be
# UTF-8 as the service stores them.
#
# NOTE: the secret is an argument of this script and of openssl, so other users of this
# machine can read it in the process list while they run. Use a machine you trust.
set -euo pipefail
# Byte semantics: ${#secret} counts bytes and patterns match bytes, whatever the locale.
export LC_ALL=C

readonly MAX_KEY_LENGTH=128
readonly MIN_SECRET_BYTES=32
readonly MAX_SECRET_BYTES=512

usage() {
	echo "usage: $0 KEY SECRET" >&2
	exit 2
}

fail() {
	echo "$0: $1" >&2
	exit 2
}

base64url() {
	local encoded
	encoded=$(openssl base64 -A)
	encoded=${encoded//+/-}
	encoded=${encoded//\//_}
	printf '%s' "${encoded%%=*}"
}

# Escapes the two characters that JSON.stringify escapes in a printable ASCII string.
json_string() {
	local escaped=${1//\\/\\\\}
	escaped=${escaped//\"/\\\"}
	printf '"%s"' "$escaped"
}

[[ $# -eq 2 ]] || usage
key=$1
secret=$2

# The same rules as the service, so that the escaping above covers every accepted key.
if [[ -z $key || ${#key} -gt $MAX_KEY_LENGTH || $key == *[!!-~]* ]]; then
	fail "KEY must be 1 to $MAX_KEY_LENGTH printable ASCII characters without whitespace"
fi
if [[ ${#secret} -lt $MIN_SECRET_BYTES || ${#secret} -gt $MAX_SECRET_BYTES ]]; then
	fail "SECRET must be $MIN_SECRET_BYTES to $MAX_SECRET_BYTES bytes, as the service requires"
fi

header=$(printf '%s' '{"typ":"JWT","alg":"HS256"}' | base64url)
payload=$(printf '{"iss":%s,"iat":null,"exp":null,"aud":"","sub":""}' "$(json_string "$key")" | base64url)
signature=$(printf '%s' "$header.$payload" \
	| openssl dgst -sha256 -mac HMAC -macopt "key:$secret" -binary \
	| base64url)
printf '%s.%s.%s\n' "$header" "$payload" "$signature"
