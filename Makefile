# maskrun: build, test, install.
PREFIX ?= /usr/local
DESTDIR ?=
SWIFT ?= swift
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
DATADIR ?= $(PREFIX)/share
# A maskrun binary to use instead of building one (install, completions, readme-detectors).
MASKRUN_BIN ?=

release_bin = $$($(SWIFT) build -c release --show-bin-path)/maskrun
debug_bin = $$($(SWIFT) build --show-bin-path)/maskrun

.PHONY: build demo test install uninstall completions readme-detectors clean

build:
	$(SWIFT) build -c release --product maskrun

# Runs the example script under maskrun with the built-in policy.
demo: build
	"$(release_bin)" -- sh examples/demo.sh

# Unit tests, then end-to-end tests of the built binary (under real pseudo-terminals).
test:
	$(SWIFT) build
	$(SWIFT) test
	python3 -m pytest -q Tests/e2e

# The binary, the man page and the completions, where each shell looks for them.
install: $(if $(MASKRUN_BIN),,build)
	install -d "$(DESTDIR)$(BINDIR)" "$(DESTDIR)$(MANDIR)/man1" \
		"$(DESTDIR)$(DATADIR)/bash-completion/completions" \
		"$(DESTDIR)$(DATADIR)/zsh/site-functions" \
		"$(DESTDIR)$(DATADIR)/fish/vendor_completions.d"
	install -m 0755 "$(or $(MASKRUN_BIN),$(release_bin))" "$(DESTDIR)$(BINDIR)/maskrun"
	install -m 0644 man/maskrun.1 "$(DESTDIR)$(MANDIR)/man1/maskrun.1"
	install -m 0644 completions/maskrun.bash "$(DESTDIR)$(DATADIR)/bash-completion/completions/maskrun"
	install -m 0644 completions/_maskrun "$(DESTDIR)$(DATADIR)/zsh/site-functions/_maskrun"
	install -m 0644 completions/maskrun.fish "$(DESTDIR)$(DATADIR)/fish/vendor_completions.d/maskrun.fish"

uninstall:
	rm -f "$(DESTDIR)$(BINDIR)/maskrun" "$(DESTDIR)$(MANDIR)/man1/maskrun.1" \
		"$(DESTDIR)$(DATADIR)/bash-completion/completions/maskrun" \
		"$(DESTDIR)$(DATADIR)/zsh/site-functions/_maskrun" \
		"$(DESTDIR)$(DATADIR)/fish/vendor_completions.d/maskrun.fish"

# Regenerates completions/ from the argument parser (checked by Tests/e2e/test_shipping.py).
completions: $(if $(MASKRUN_BIN),,build-debug)
	python3 scripts/completions.py "$(or $(MASKRUN_BIN),$(debug_bin))" completions

# Regenerates the detector table in README.md from `maskrun policy show --builtin`.
readme-detectors: $(if $(MASKRUN_BIN),,build-debug)
	python3 scripts/readme_detectors.py "$(or $(MASKRUN_BIN),$(debug_bin))" README.md

.PHONY: build-debug
build-debug:
	$(SWIFT) build --product maskrun

clean:
	rm -rf .build
