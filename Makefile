# maskrun: build, test, install.
PREFIX ?= /usr/local
DESTDIR ?=
SWIFT ?= swift

.PHONY: build demo test install uninstall clean

build:
	$(SWIFT) build -c release --product maskrun

# Runs the example script under maskrun with the built-in policy.
demo: build
	"$$($(SWIFT) build -c release --show-bin-path)/maskrun" -- sh examples/demo.sh

# Unit tests, then end-to-end tests of the built binary (under real pseudo-terminals).
test:
	$(SWIFT) build
	$(SWIFT) test
	python3 -m pytest -q Tests/e2e

install: build
	install -d "$(DESTDIR)$(PREFIX)/bin"
	install -m 0755 "$$($(SWIFT) build -c release --show-bin-path)/maskrun" "$(DESTDIR)$(PREFIX)/bin/maskrun"

uninstall:
	rm -f "$(DESTDIR)$(PREFIX)/bin/maskrun"

clean:
	rm -rf .build
