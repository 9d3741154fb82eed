# shellcheck shell=bash
# Sourced by scripts/tools.sh and tools/tool.sh: build a binary once and cache
# it. The sourcing script defines log, die, a CLEANUP array of paths removed
# on exit, and a function that tells whether a binary works.

# cached_build NAME DIR BINARY WORKS_FN BUILD_FN LABEL
# Sets TOOL_BIN to DIR/BINARY. Unless `WORKS_FN NAME DIR/BINARY` succeeds,
# runs `BUILD_FN NAME TMP` into a temporary file beside it, checks the result
# with WORKS_FN and renames it into place, so an interrupted build never
# leaves a broken binary. Concurrent builds of one binary wait for each other
# (flock) and the later ones reuse the first one's result.
cached_build() {
	local name=$1 dir=$2 binary=$3 works=$4 build=$5 label=$6 bin tmp start lock_fd=
	bin="$dir/$binary"
	# shellcheck disable=SC2034 # read by the sourcing script
	TOOL_BIN=$bin
	if "$works" "$name" "$bin"; then
		return
	fi
	mkdir -p -- "$dir"
	if command -v flock >/dev/null 2>&1; then
		exec {lock_fd}>"$dir/.lock"
		flock "$lock_fd"
		# Someone else may have finished the build while we waited.
		if "$works" "$name" "$bin"; then
			exec {lock_fd}>&-
			return
		fi
		# Holding the lock, no other build is running: drop temporary files
		# left by a build that was killed outright (SIGKILL, power loss).
		rm -f -- "$dir/.${binary}."*
	fi

	if [[ -e "$bin" ]]; then
		log "cached $name at $bin does not run; rebuilding"
	fi
	log "building $label (this can take a few minutes the first time)"
	start=$SECONDS
	tmp="$(mktemp "$dir/.${binary}.XXXXXX")"
	CLEANUP+=("$tmp")
	"$build" "$name" "$tmp"
	chmod 0755 "$tmp"
	"$works" "$name" "$tmp" || die "freshly built $name does not run"
	mv -f -- "$tmp" "$bin"
	log "built $label in $((SECONDS - start))s: $bin"
	if [[ -n "$lock_fd" ]]; then
		exec {lock_fd}>&-
	fi
}
