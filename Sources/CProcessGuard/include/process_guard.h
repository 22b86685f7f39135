// What maskrun does for itself before anything else, in C because it must hold in a
// signal handler: only async-signal-safe calls run there.
#ifndef MASKRUN_PROCESS_GUARD_H
#define MASKRUN_PROCESS_GUARD_H

/// Reopens each of descriptors 0, 1 and 2 that is closed on /dev/null (SPEC §7), so
/// that no recording, pty or pipe maskrun opens later can take its number: with `>&-`
/// the first file opened would become stdout and receive the live output.
/// Returns 0, or -1 with errno set when /dev/null cannot be opened.
int maskrun_reopen_standard_descriptors(void);

/// Replaces the fatal-signal handlers (SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT,
/// SIGSYS) with one that puts back the terminal modes saved now, says so in one line on
/// stderr and _exits with 125 (SPEC §8). Installed after the Swift runtime started, it
/// takes the place of the runtime's backtracer, which (SWIFT_BACKTRACE) can stop at an
/// interactive prompt on a terminal in raw mode and print memory that may hold secrets.
void maskrun_install_crash_handler(void);

#endif
