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
# The kernel `make modules` builds for: the running one if its headers are
# installed, else the VM's.
KDIR ?= $(shell scripts/kernel.sh kdir)

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

VM_DIR = $(O)/vm
VM_BASE = $(VM_DIR)/base.cpio.gz
TAP_DIR = $(O)/tap

SUBMAKE = $(MAKE) CC="$(CC)" CFLAGS="$(CFLAGS)" O="$(O)" V=$(V) \
	  KSYMRES_VERSION=$(KSYMRES_VERSION)

.PHONY: all help deps deps-build deps-vm deps-lint deps-fuzz modules testmods \
	lib cli selftests user check check-host check-vm check-debug check-fuzz \
	vm vm-shell \
	vm-image demo \
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
	@echo '  lint           checkpatch --strict and sparse on kmod/ and uapi/,'
	@echo '                 cppcheck on tools/, user space with clang -Werror'
	@echo '  install        libksymres, headers, the CLI and man pages'
	@echo '                 (PREFIX, DESTDIR)'
	@echo '  deps           install the Debian packages this needs (root)'
	@echo '  clean'
	@echo 'variables: KDIR (module build), VM_RELEASE, O (build dir), V=1'

# ---- dependencies: Debian packages, installed when missing ----

deps:
	$(Q)scripts/deps.sh
deps-build:
	$(Q)scripts/deps.sh build
deps-vm:
	$(Q)scripts/deps.sh build vm
deps-lint:
	$(Q)scripts/deps.sh build lint
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

# ---- the test VM ----

vm-image: deps-vm
	$(Q)$(MAKE) testmods KDIR="$(VM_KDIR)"
	$(Q)$(MAKE) user
	@echo "  CPIO    $(VM_BASE) (kernel $(VM_RELEASE))"
	$(Q)mkdir -p "$(VM_DIR)"
	$(Q)selftests/vm/mkinitramfs.sh base "$(VM_BASE)" "$(VM_RELEASE)" \
		"$(SYSMAP)" kmod/ksymres.ko selftests/modules "$(O)"

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
	@echo "  VM      runner self-test: a failing test, a WARNING, a hang"
	$(Q)$(MAKE) -C "$(VM_KDIR)" M="$(CURDIR)/selftests/vm/warnmod" modules >/dev/null
	$(Q)scripts/run-tap.sh runner-selftest "$(TAP_DIR)/runner.tap" \
		selftests/vm/runner-selftest.sh "$(VM_KERNEL)" "$(VM_BASE)" \
		selftests/vm/warnmod/ksymres_warnmod.ko "$(VM_DIR)/runner"

check: check-host check-fuzz check-vm
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
		SYSMAP="$$tree/System.map" VM_DIR="$(O)/vm-debug" \
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

clean:
	$(Q)if [ -d "$(KDIR)" ]; then \
		$(MAKE) -C "$(KDIR)" M="$(CURDIR)" clean; \
		$(MAKE) -C "$(KDIR)" M="$(CURDIR)/selftests/modules" clean; \
		$(MAKE) -C "$(KDIR)" M="$(CURDIR)/selftests/vm/warnmod" clean; \
	fi
	$(Q)rm -rf "$(O)"
