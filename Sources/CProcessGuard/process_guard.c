// See process_guard.h.
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "process_guard.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

int maskrun_reopen_standard_descriptors(void) {
    for (int fd = 0; fd <= 2; fd++) {
        if (fcntl(fd, F_GETFD) != -1 || errno != EBADF) continue;
        // The lower descriptors are open by now, so open() returns `fd` itself.
        int opened = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
        if (opened < 0) return -1;
        if (opened != fd) {
            if (dup2(opened, fd) < 0) return -1;
            close(opened);
        }
    }
    return 0;
}

/// The modes of descriptors 0–2 at start-up, for those that are terminals.
static struct termios saved_modes[3];
static int has_saved_mode[3];

static const int fatal_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT, SIGSYS};

static void write_text(const char *text) {
    size_t length = strlen(text);
    while (length > 0) {
        ssize_t written = write(2, text, length);
        if (written < 0 && errno == EINTR) continue;
        if (written <= 0) return;
        text += written;
        length -= (size_t)written;
    }
}

static void on_fatal_signal(int signal_number) {
    for (int fd = 0; fd <= 2; fd++) {
        if (has_saved_mode[fd]) tcsetattr(fd, TCSANOW, &saved_modes[fd]);
    }
    // Two digits at most: every fatal signal number is below 100.
    char number[3] = {0};
    if (signal_number >= 10) {
        number[0] = (char)('0' + signal_number / 10);
        number[1] = (char)('0' + signal_number % 10);
    } else {
        number[0] = (char)('0' + signal_number);
    }
    write_text("\r\nmaskrun: internal error (signal ");
    write_text(number);
    write_text("); terminal modes restored, exiting with status 125\r\n");
    _exit(125);
}

void maskrun_install_crash_handler(void) {
    for (int fd = 0; fd <= 2; fd++) {
        has_saved_mode[fd] = isatty(fd) && tcgetattr(fd, &saved_modes[fd]) == 0;
    }
    // Its own stack, so that a stack overflow is caught too.
    static char *alternate_stack;
    if (alternate_stack == NULL) {
        size_t size = 64 * 1024;
        alternate_stack = malloc(size);
        if (alternate_stack != NULL) {
            stack_t stack = {.ss_sp = alternate_stack, .ss_size = size, .ss_flags = 0};
            sigaltstack(&stack, NULL);
        }
    }
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_fatal_signal;
    action.sa_flags = SA_ONSTACK | SA_RESETHAND;
    sigfillset(&action.sa_mask);
    for (unsigned i = 0; i < sizeof fatal_signals / sizeof fatal_signals[0]; i++) {
        sigaction(fatal_signals[i], &action, NULL);
    }
}
