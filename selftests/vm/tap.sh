# SPDX-License-Identifier: GPL-2.0-only
#
# Sourced by the shell tests inside the VM (as /ksymres/tap.sh): TAP lines,
# numbered as they come. ok STATUS DESCRIPTION passes when STATUS is 0;
# a test that defines tap_explain has it called after each "not ok" to
# show why. $failed is 1 once anything failed, for the exit status.
n=0 failed=0

ok() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n $2"
	else
		echo "not ok $n $2"
		failed=1
		if type tap_explain >/dev/null 2>&1; then
			tap_explain
		fi
	fi
}

skip() {
	n=$((n + 1))
	echo "ok $n $1 # SKIP $2"
}
