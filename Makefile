# SPDX-License-Identifier: GPL-2.0-only
#
# ksymres: build, test VM, checks. `make help` lists the targets.
#
# Every variable can be overridden on the command line or from the
# environment. The module is built out of tree with kbuild (Kbuild beside
# this file); user space is built into $(O).

KSYMRES_VERSION ?= 0.1.0

# The kernel the test VM boots: the newest installed Debian cloud kernel.
VM_RELEASE ?= $(shell scripts/kernel.sh vm-release)
VM_KERNEL ?= /boot/vmlinuz-$(VM_RELEASE)
VM_KDIR ?= /lib/modules/$(VM_RELEASE)/build
VM_TIMEOUT ?= 1500
# More kernel command line for the check VM (ksymres.env=NAME=VALUE sets
# a variable for the tests, e.g. KSYMRES_FUZZ_CALLS).
VM_APPEND ?=
# The kernel `make modules` builds for: KVER names an installed kernel
# (headers in /lib/modules/KVER/build), KDIR any kbuild tree; by default the
# running kernel if its headers are installed, else the VM's.
KDIR ?= $(if $(KVER),/lib/modules/$(KVER)/build,$(shell scripts/kernel.sh kdir))
# modules_install: under $(DESTDIR)/lib/modules/<release>/ (kbuild's
# default for out-of-tree modules; DKMS uses updates/dkms, which depmod
# prefers, so a DKMS build wins over a `make modules_install` one).
INSTALL_MOD_DIR ?= extra
# Where `make dkms-src` stages the module source that DKMS builds.
DKMS_SRC ?= $(O)/dkms-src/ksymres-$(KSYMRES_VERSION)
DEB_DIR ?= $(O)/deb
DKMS_FILES = dkms.conf Kbuild kmod/Kbuild $(filter-out %.mod.c,$(wildcard kmod/*.c)) \
	$(wildcard kmod/*.h) uapi/linux/ksymres.h

O ?= $(CURDIR)/build
CACHE ?= $(or $(KSYMRES_CACHE),$(or $(XDG_CACHE_HOME),$(HOME)/.cache)/ksymres)
export KSYMRES_CACHE := $(CACHE)

CC ?= cc
CFLAGS ?= -O2 -g
V ?= 0
ifeq ($(V),1)
Q :=
else
Q := @
MAKEFLAGS += --no-print-directory
endif

# Style checks but variableScope: declarations at the top of a block are
# the kernel's style, which user space follows too.
CPPCHECK = cppcheck -q --std=c11 --enable=warning,style,portability,performance \
	--suppress=variableScope --inline-suppr --error-exitcode=1 \
	-Itools/lib -Iuapi

KSFT_INC = $(shell scripts/linux-src.sh)/tools/testing/selftests
CHECKPATCH = $(shell scripts/linux-src.sh)/scripts/checkpatch.pl
SYSMAP = $(shell scripts/fetch-sysmap.sh $(VM_RELEASE))
# Another kernel's real map, for the cross-check's WRONG KERNEL tests: the
# generic flavour's of the same release (its -dbg package, cached like the
# cloud one). Empty when VM_RELEASE names no cloud kernel.
OTHER_RELEASE = $(subst -cloud-amd64,-amd64,$(VM_RELEASE))
OTHER_SYSMAP = $(if $(filter-out $(VM_RELEASE),$(OTHER_RELEASE)),$(shell \
	scripts/fetch-sysmap.sh $(OTHER_RELEASE)))

VM_DIR = $(O)/vm
VM_BASE = $(VM_DIR)/base.cpio.gz
TAP_DIR = $(O)/tap

SUBMAKE = $(MAKE) CC="$(CC)" CFLAGS="$(CFLAGS)" O="$(O)" V=$(V) \
	  KSYMRES_VERSION=$(KSYMRES_VERSION)

.PHONY: all help deps deps-build deps-vm deps-lint deps-dkms deps-deb deps-bench \
	deps-fuzz modules testmods lib cli selftests user check check-host check-vm \
	check-debug check-fuzz vm vm-shell vm-image demo bench modules_install dkms-src \
	deb check-dkms check-deb \
	lint install clean FORCE

all: modules user

help:
	@echo 'ksymres targets:'
	@echo '  all (default)  ksymres.ko for KDIR, libksymres, the CLI, the selftests'
	@echo '  demo           build, boot the test VM and show ksymres at work'
	@echo '  check          host tests, fuzzers, then every selftest in the test VM'
	@echo '  check-debug    the selftests, stress, fault injection and the ioctl'
	@echo '                 fuzzer in a debug kernel (KASAN, lockdep, kmemleak, ...)'
	@echo '  check-fuzz     the libFuzzer targets, FUZZ_SECONDS each (30)'
	@echo '  vm CMD=...     run CMD in the test VM with ksymres.ko loaded'
	@echo '                 (FILES="host[:guest] ..." copies files in, to /root)'
	@echo '  vm-shell       an interactive shell in the test VM'
	@echo '  bench          ksymres against /proc/kallsyms parsing and the kernel'"'"'s'
	@echo '                 own paths, in one VM run: writes BENCHMARKS.md and'
	@echo '                 docs/bench/*.png (BENCH_RUNS, 5)'
	@echo '  lint           checkpatch --strict and sparse on kmod/ and uapi/,'
	@echo '                 cppcheck on tools/, user space with clang -Werror'
	@echo '  install        libksymres, headers, the CLI, man pages, udev example'
	@echo '                 (PREFIX, DESTDIR)'
	@echo '  modules_install  ksymres.ko into /lib/modules/<release>/extra, depmod'
	@echo '                 (KDIR or KVER, DESTDIR, INSTALL_MOD_DIR)'
	@echo '  dkms-src       the module source DKMS builds, in DKMS_SRC'
	@echo '  deb            Debian packages into $(O)/deb, checked with lintian'
	@echo '  check-dkms     dkms add/build/install/remove in a private tree'
	@echo '  check-deb      the .debs installed, used and purged in a Debian VM'
	@echo '  deps           install the Debian packages this needs (root)'
	@echo '  clean'
	@echo 'variables: KDIR or KVER (module build), VM_RELEASE, O (build dir), V=1'

# ---- dependencies: Debian packages, installed when missing ----

deps:
	$(Q)scripts/deps.sh
deps-build:
	$(Q)scripts/deps.sh build
deps-vm:
	$(Q)scripts/deps.sh build vm
deps-lint:
	$(Q)scripts/deps.sh build lint
deps-dkms:
	$(Q)scripts/deps.sh build dkms
deps-deb:
	$(Q)scripts/deps.sh build deb
deps-bench:
	$(Q)scripts/deps.sh build vm bench
deps-fuzz:
	$(Q)scripts/deps.sh build fuzz

# ---- the module ----

# kbuild leaves its objects beside the sources: when KDIR changes, clean
# them first so that no object of another kernel is linked in.
modules: deps-build
	$(Q)kdir="$(KDIR)"; \
	test -d "$$kdir" || { echo "ksymres: KDIR $$kdir: no kernel build tree" >&2; exit 1; }; \
	mkdir -p "$(O)"; stamp="$(O)/kmod.kdir"; \
	if [ -f "$$stamp" ] && [ "$$(cat "$$stamp")" != "$$kdir" ]; then \
		$(MAKE) -C "$$kdir" M="$(CURDIR)" clean >/dev/null; \
		$(MAKE) -C "$$kdir" M="$(CURDIR)/selftests/modules" clean >/dev/null; \
	fi; \
	echo "$$kdir" > "$$stamp"; \
	echo "  KERNEL  ksymres.ko for $$(sed -n 's/.*UTS_RELEASE "\(.*\)"/\1/p' \
		"$$kdir/include/generated/utsrelease.h") ($$kdir)"
	$(Q)$(MAKE) -C "$(KDIR)" M="$(CURDIR)" modules

# kbuild signs with KDIR's key when the kernel has MODULE_SIG_ALL: a
# distribution's headers ship no key, so skip that rather than print SSL
# errors (the module stays unsigned: it loads, tainting, unless the kernel
# enforces signatures). kbuild skips depmod without a System.map in KDIR
# (Debian's headers have none): run it here, for the live system only. A
# DESTDIR tree gets no modules.dep of its own, which would hide the
# target's other modules.
modules_install: modules
	$(Q)key=$$(sed -n 's/^CONFIG_MODULE_SIG_KEY="*\([^"]*\)"*$$/\1/p' \
		"$(KDIR)/include/config/auto.conf"); \
	case $$key in ''|/*|pkcs11:*) ;; *) key="$(KDIR)/$$key" ;; esac; \
	nosign=; if [ -n "$$key" ] && [ "$${key#pkcs11:}" = "$$key" ] && [ ! -r "$$key" ]; then \
		echo "  SIGN    skipped: no signing key $$key"; nosign=CONFIG_MODULE_SIG_ALL=; fi; \
	$(MAKE) -C "$(KDIR)" M="$(CURDIR)" INSTALL_MOD_PATH="$(DESTDIR)" \
		INSTALL_MOD_DIR="$(INSTALL_MOD_DIR)" $$nosign modules_install 2>&1 | \
		grep -v -e "missing 'System.map' file. Skipping depmod" -e '^  DEPMOD ' || true
	$(Q)rel=$$(sed -n 's/.*UTS_RELEASE "\(.*\)"/\1/p' "$(KDIR)/include/generated/utsrelease.h"); \
	test -f "$(DESTDIR)/lib/modules/$$rel/$(INSTALL_MOD_DIR)/kmod/ksymres.ko" || \
		test -f "$(DESTDIR)/lib/modules/$$rel/$(INSTALL_MOD_DIR)/ksymres.ko" || \
		{ echo "ksymres: modules_install: ksymres.ko not installed" >&2; exit 1; }; \
	if [ -z "$(DESTDIR)" ]; then \
		echo "  DEPMOD  $$rel"; depmod -a "$$rel"; \
	else \
		echo "  DEPMOD  skipped for DESTDIR: run 'depmod -a $$rel' on the target"; \
	fi

testmods: modules
	$(Q)$(MAKE) -C "$(KDIR)" M="$(CURDIR)/selftests/modules" modules

# ---- user space ----

lib: deps-build
	$(Q)$(SUBMAKE) -C tools/lib
cli: lib
	$(Q)$(SUBMAKE) -C tools/ksymres
selftests: deps-build
	$(Q)$(SUBMAKE) -C selftests KSFT_INC="$(KSFT_INC)"
user: lib cli selftests

install: lib cli
	$(Q)$(SUBMAKE) -C tools/lib install
	$(Q)$(SUBMAKE) -C tools/ksymres install

# ---- DKMS and Debian packages ----

dkms-src:
	$(Q)rm -rf "$(DKMS_SRC)" && mkdir -p "$(DKMS_SRC)"
	$(Q)for f in $(DKMS_FILES); do install -D -m 0644 "$$f" "$(DKMS_SRC)/$$f" || exit 1; done
	@echo "  DKMS    source in $(DKMS_SRC)"

# dpkg-buildpackage writes its products to the parent of the tree it
# builds: build a copy of the files git knows (tracked, or new and not
# ignored) in $(DEB_DIR)/src, so that everything lands in $(DEB_DIR) and
# the work tree stays clean. lintian's verdict is in $(DEB_DIR)/lintian.log;
# an error or a warning fails (the remaining tags are explained in README).
deb: deps-deb
	$(Q)command -v git >/dev/null && git rev-parse --is-inside-work-tree >/dev/null 2>&1 || \
		{ echo "ksymres: make deb needs a git work tree" >&2; exit 1; }
	$(Q)rm -rf "$(DEB_DIR)" && mkdir -p "$(DEB_DIR)/src"
	$(Q)git ls-files -z -c -o --exclude-standard | \
		xargs -0 sh -c 'for f; do [ -e "$$f" ] && printf "%s\0" "$$f"; done' sh | \
		tar --null -T - -cf - | tar -xf - -C "$(DEB_DIR)/src"
	@echo "  DEB     dpkg-buildpackage in $(DEB_DIR)/src (log: $(DEB_DIR)/build.log)"
	$(Q)cd "$(DEB_DIR)/src" && dpkg-buildpackage -us -uc > ../build.log 2>&1 || \
		{ tail -n 30 ../build.log >&2; exit 1; }
	$(Q)ls "$(DEB_DIR)"/*.deb | sed 's|.*/|  DEB     |'
	@echo "  LINTIAN $(DEB_DIR)/lintian.log"
	$(Q)lintian --display-info --pedantic "$(DEB_DIR)"/*.changes \
		> "$(DEB_DIR)/lintian.log" 2>&1 || true
	$(Q)grep -v 'running with root privileges' "$(DEB_DIR)/lintian.log" | sed 's/^/  /' || true
	$(Q)! grep -q '^[EW]: ' "$(DEB_DIR)/lintian.log"

check-dkms: deps-dkms
	$(Q)mkdir -p "$(TAP_DIR)"
	@echo "  TEST    dkms add/build/install/remove for $(VM_RELEASE) (private trees)"
	$(Q)scripts/run-tap.sh dkms "$(TAP_DIR)/dkms.tap" \
		selftests/install/dkms-test.sh "$(VM_RELEASE)" "$(O)/dkms-test"
	$(Q)sed -n '/^not ok/p' "$(TAP_DIR)/dkms.tap"
	$(Q)scripts/tap-summary.sh "$(TAP_DIR)/dkms.tap" | tail -n 1 | sed 's/^/  dkms: /'
	$(if $(KSYMRES_CHECK_ALL),,$(Q)scripts/tap-summary.sh "$(TAP_DIR)/dkms.tap" >/dev/null)

# The first run debootstraps a root (about 4 minutes, cached after; the
# test itself takes about 2.5 minutes).
# A failing `make deb` (build or lintian) is a failed test too.
check-deb: deps-deb deps-vm
	$(Q)mkdir -p "$(TAP_DIR)"
	$(Q)if $(MAKE) deb; then \
		echo "  TEST    the .debs installed in a bookworm root, used and purged in the VM ($(VM_RELEASE))"; \
		scripts/run-tap.sh deb "$(TAP_DIR)/deb.tap" selftests/install/deb-test.sh \
			"$(VM_RELEASE)" "$(VM_KERNEL)" "$(DEB_DIR)" "$(O)/deb-test"; \
	else \
		printf '%s\n' "not ok 1 - make deb: the build or lintian failed (above)" \
			"# ksymres-test: exit deb 1" > "$(TAP_DIR)/deb.tap"; \
	fi
	$(Q)grep -E '^(not ok|# deb test)' "$(TAP_DIR)/deb.tap" | sed 's/^/  /' || true
	$(Q)scripts/tap-summary.sh "$(TAP_DIR)/deb.tap" | tail -n 1 | sed 's/^/  deb: /'
	$(if $(KSYMRES_CHECK_ALL),,$(Q)scripts/tap-summary.sh "$(TAP_DIR)/deb.tap" >/dev/null)

# ---- the test VM ----

vm-image: deps-vm
	$(Q)$(MAKE) testmods KDIR="$(VM_KDIR)"
	$(Q)$(MAKE) user
	@echo "  CPIO    $(VM_BASE) (kernel $(VM_RELEASE))"
	$(Q)mkdir -p "$(VM_DIR)"
	$(Q)selftests/vm/mkinitramfs.sh base "$(VM_BASE)" "$(VM_RELEASE)" \
		"$(SYSMAP)" kmod/ksymres.ko selftests/modules "$(O)" $(OTHER_SYSMAP)

# Runs CMD in the VM; its output is printed, the run judged as in `check`.
# CMD is written to a file unexpanded, so that its $ and quotes survive.
vm: vm-image
	$(if $(value CMD),,$(error usage: make vm CMD='ksymres info' [FILES='a b:/guest/c']))
	$(file >$(VM_DIR)/cmd.sh,$(value CMD))
	$(Q)selftests/vm/mkinitramfs.sh overlay "$(VM_DIR)/cmd.cpio.gz" \
		"$(VM_DIR)/cmd.sh" $(FILES)
	@echo "  VM      $$(head -c 60 "$(VM_DIR)/cmd.sh")"
	$(Q)status=0; selftests/vm/run.sh -m cmd -o "$(VM_DIR)/cmd" -t "$(VM_TIMEOUT)" \
		"$(VM_KERNEL)" "$(VM_BASE)" "$(VM_DIR)/cmd.cpio.gz" || status=$$?; \
	grep -v '^# ksymres-vm: ' "$(VM_DIR)/cmd/results.log" || true; \
	code=$$(sed -n 's/^# ksymres-vm: command exit=//p' "$(VM_DIR)/cmd/results.log"); \
	[ "$$status" -eq 0 ] && [ "$${code:-1}" -eq 0 ]

vm-shell: vm-image
	$(Q)selftests/vm/mkinitramfs.sh overlay "$(VM_DIR)/shell.cpio.gz" /dev/null $(FILES)
	$(Q)selftests/vm/run.sh -m shell -o "$(VM_DIR)/shell" \
		"$(VM_KERNEL)" "$(VM_BASE)" "$(VM_DIR)/shell.cpio.gz"

demo: vm-image
	$(Q)$(MAKE) vm CMD="sh /root/demo.sh" FILES="selftests/vm/demo.sh"

# ---- benchmarks (never part of the tests) ----

BENCH_RUNS ?= 5
BENCH_TIMEOUT ?= 5400
BENCH_VM = $(O)/bench-vm

# One VM run: real Debian modules loaded, then ksymres-bench; the host
# turns its records into BENCHMARKS.md and the plots.
bench: deps-bench vm-image
	$(Q)$(SUBMAKE) -C tools/bench
	$(Q)mkdir -p "$(BENCH_VM)"
	$(Q)selftests/vm/bench-modules.sh "$(VM_RELEASE)" "$(BENCH_VM)/mods"
	$(Q)echo 'sh /root/bench.sh $(BENCH_RUNS)' > "$(BENCH_VM)/cmd.sh"
	$(Q)selftests/vm/mkinitramfs.sh overlay "$(BENCH_VM)/bench.cpio.gz" \
		"$(BENCH_VM)/cmd.sh" selftests/vm/bench.sh "$(O)/bench/ksymres-bench" \
		"$(BENCH_VM)/mods:/root/mods" /usr/bin/perf:/usr/bin/perf
	$(Q)cut -d' ' -f1-3 /proc/loadavg > "$(BENCH_VM)/host-load"
	@echo "  VM      bench in $(VM_RELEASE) (TCG; $(BENCH_RUNS) runs a figure; results in $(BENCH_VM)/run)"
	$(Q)status=0; selftests/vm/run.sh -m cmd -o "$(BENCH_VM)/run" -t "$(BENCH_TIMEOUT)" \
		"$(VM_KERNEL)" "$(VM_BASE)" "$(BENCH_VM)/bench.cpio.gz" || status=$$?; \
	grep -v '^\(meta\|md\|goal\|plot\) ' "$(BENCH_VM)/run/results.log" || true; \
	scripts/bench-report.sh "$(BENCH_VM)/run/results.log" BENCHMARKS.md docs/bench \
		"$$(cat "$(BENCH_VM)/host-load")" && [ "$$status" -eq 0 ]

# ---- tests ----

check-host: deps-build
	$(Q)mkdir -p "$(TAP_DIR)"
	@echo "  TEST    host: uapi header, library, CLI"
	$(Q)scripts/run-tap.sh uapi-header "$(TAP_DIR)/uapi.tap" \
		selftests/uapi-header-test.sh
	$(Q)scripts/run-tap.sh host-tests "$(TAP_DIR)/host.tap" \
		$(SUBMAKE) -C tools/tests check

check-vm: vm-image
	$(Q)mkdir -p "$(TAP_DIR)"
	@echo "  VM      selftests in $(VM_RELEASE) (TCG; results in $(VM_DIR)/check)"
	$(Q)if selftests/vm/run.sh -m check -o "$(VM_DIR)/check" -t "$(VM_TIMEOUT)" \
		$(if $(VM_APPEND),-a "$(VM_APPEND)") "$(VM_KERNEL)" "$(VM_BASE)"; then \
		echo "ok 1 vm: ran to the end, rmmod ksymres ok, kernel log clean"; \
	else \
		echo "not ok 1 vm: run failed (see above)"; \
	fi > "$(TAP_DIR)/vm-health.tap"
	$(Q)cp "$(VM_DIR)/check/results.log" "$(TAP_DIR)/vm.tap"
	@echo "  VM      decode: a real oops and WARN, in a boot of their own"
	$(Q)selftests/vm/mkinitramfs.sh overlay "$(VM_DIR)/decode.cpio.gz" \
		selftests/vm/decode-oops.sh
	$(Q)if selftests/vm/run.sh -O -m cmd -o "$(VM_DIR)/decode" -t "$(VM_TIMEOUT)" \
		"$(VM_KERNEL)" "$(VM_BASE)" "$(VM_DIR)/decode.cpio.gz"; then \
		echo "ok 1 vm decode: ran to the end, kernel log clean but for the expected oops"; \
	else \
		echo "not ok 1 vm decode: run failed (see above)"; \
	fi > "$(TAP_DIR)/vm-decode-health.tap"
	$(Q)cp "$(VM_DIR)/decode/results.log" "$(TAP_DIR)/vm-decode.tap"
	@echo "  VM      decode: a real panic, decoded offline with its own Kernel Offset"
	$(Q)scripts/run-tap.sh decode-panic "$(TAP_DIR)/decode-panic.tap" \
		selftests/vm/decode-panic.sh "$(VM_KERNEL)" "$(VM_BASE)" "$(SYSMAP)" \
		"$(VM_DIR)/panic" "$(O)/bin/ksymres"
	@echo "  VM      runner self-test: a failing test, a WARNING, a hang, oopses"
	$(Q)$(MAKE) -C "$(VM_KDIR)" M="$(CURDIR)/selftests/vm/warnmod" modules >/dev/null
	$(Q)scripts/run-tap.sh runner-selftest "$(TAP_DIR)/runner.tap" \
		selftests/vm/runner-selftest.sh "$(VM_KERNEL)" "$(VM_BASE)" \
		selftests/vm/warnmod/ksymres_warnmod.ko "$(VM_DIR)/runner"

# Each part fails on its own when run alone; here the summary judges all.
check: KSYMRES_CHECK_ALL := 1
check: check-host check-fuzz check-dkms check-deb check-vm
	$(Q)scripts/tap-summary.sh "$(TAP_DIR)"/*.tap

# libFuzzer on the user-space parsers (tools/fuzz), bounded in time.
FUZZ_SECONDS ?= 30
check-fuzz: deps-fuzz
	$(Q)mkdir -p "$(TAP_DIR)"
	@echo "  FUZZ    libFuzzer targets in tools/fuzz, $(FUZZ_SECONDS) s each"
	$(Q)scripts/run-tap.sh fuzz "$(TAP_DIR)/fuzz.tap" \
		$(SUBMAKE) -C tools/fuzz check FUZZ_SECONDS=$(FUZZ_SECONDS)
	$(Q)grep -E '^(not )?ok' "$(TAP_DIR)/fuzz.tap" || true

# The selftests in the debug kernel (KASAN, lockdep, kmemleak, UBSAN, fault
# injection), built once from linux-source-6.1 and cached, with the long
# runs: a million fuzzer calls, longer stress rounds.
DEBUG_FUZZ_CALLS ?= 1000000
DEBUG_STRESS_SECONDS ?= 20
DEBUG_VM_APPEND = ksymres.env=KSYMRES_FUZZ_CALLS=$(DEBUG_FUZZ_CALLS) \
	ksymres.env=KSYMRES_STRESS_SECONDS=$(DEBUG_STRESS_SECONDS) \
	ksymres.env=KSYMRES_TEST_TIMEOUT=3600
check-debug: deps-vm deps-lint
	$(Q)tree=$$(scripts/debug-kernel.sh) && \
	$(MAKE) check-vm VM_KDIR="$$tree" VM_KERNEL="$$tree/arch/x86/boot/bzImage" \
		VM_RELEASE="$$(sed -n 's/.*UTS_RELEASE "\(.*\)"/\1/p' \
			"$$tree/include/generated/utsrelease.h")" \
		SYSMAP="$$tree/System.map" OTHER_SYSMAP="$(SYSMAP)" VM_DIR="$(O)/vm-debug" \
		TAP_DIR="$(O)/tap-debug" KSYMRES_VM_MEMORY=2048 \
		VM_TIMEOUT=4800 VM_APPEND="$(DEBUG_VM_APPEND)"
	$(Q)scripts/tap-summary.sh "$(O)/tap-debug"/*.tap

# ---- static checks ----

lint: deps-lint
	@echo "  CHECK   checkpatch --strict kmod/ uapi/"
	$(Q)perl "$(CHECKPATCH)" --no-tree --strict --terse --quiet \
		-f $(filter-out %.mod.c,$(wildcard kmod/*.c)) kmod/*.h uapi/linux/*.h
	@echo "  CHECK   sparse kmod/"
	$(Q)$(MAKE) -C "$(KDIR)" M="$(CURDIR)" clean >/dev/null
	$(Q)$(MAKE) -C "$(KDIR)" M="$(CURDIR)" C=2 CHECK=sparse modules 2>&1 | \
		tee "$(O)/sparse.log" | grep -E 'warning:|error:' && exit 1 || true
	@echo "  CHECK   cppcheck tools/"
	$(Q)$(CPPCHECK) tools/lib tools/ksymres tools/tests tools/fuzz
	@echo "  CHECK   user space with clang -Werror"
	$(Q)$(MAKE) user O="$(O)/clang" CC=clang CFLAGS="-O2 -Werror"
	$(Q)$(MAKE) -C tools/bench O="$(O)/clang" CC=clang CFLAGS="-O2 -Werror" V=$(V)

clean:
	$(Q)if [ -d "$(KDIR)" ]; then \
		$(MAKE) -C "$(KDIR)" M="$(CURDIR)" clean; \
		$(MAKE) -C "$(KDIR)" M="$(CURDIR)/selftests/modules" clean; \
		$(MAKE) -C "$(KDIR)" M="$(CURDIR)/selftests/vm/warnmod" clean; \
	fi
	$(Q)rm -rf "$(O)"
