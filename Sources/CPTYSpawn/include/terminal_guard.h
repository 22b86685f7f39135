// A guardian process that puts the user's terminal settings back if maskrun dies without
// doing so itself (SIGKILL, a crash): the one case no handler in maskrun can cover.
#ifndef MASKRUN_TERMINAL_GUARD_H
#define MASKRUN_TERMINAL_GUARD_H

#include <sys/types.h>
#include <termios.h>

/// Forks the guardian for terminal `fd` and its settings `original`. It keeps only `fd` and
/// the read end of a pipe; maskrun keeps the write end (close-on-exec), returned in
/// *dismiss_fd. One byte on that pipe dismisses the guardian; end of file (maskrun gone)
/// makes it restore `original` and exit. The child side makes only async-signal-safe calls.
/// Returns the guardian's pid, or -1 with errno.
pid_t maskrun_terminal_guard(int fd, const struct termios *original, int *dismiss_fd);

#endif
