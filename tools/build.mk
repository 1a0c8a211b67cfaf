# SPDX-License-Identifier: LGPL-2.1-or-later
#
# What every user-space Makefile of ksymres shares: where things go, the
# compiler and its warnings, install paths, quiet output (V=1 for full
# commands). Include it after setting nothing; override anything with ?=.

TOP := $(abspath $(dir $(lastword $(MAKEFILE_LIST)))/..)
O ?= $(TOP)/build
KSYMRES_VERSION ?= 0.1.0

CC ?= cc
AR ?= ar
CFLAGS ?= -O2 -g
# Preprocessor flags from the environment (dpkg-buildflags' -D_FORTIFY_SOURCE).
CPPFLAGS ?=
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
MANDIR ?= $(PREFIX)/share/man
DOCDIR ?= $(PREFIX)/share/doc/ksymres
DESTDIR ?=
INSTALL ?= install

V ?= 0
ifeq ($(V),1)
Q :=
else
Q := @
endif

# The warnings every user-space file is built with, gcc and clang alike.
KSR_WARNINGS := -std=gnu11 -Wall -Wextra -Wmissing-prototypes \
	-Wstrict-prototypes
