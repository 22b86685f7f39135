// See terminal_guard.h.
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "terminal_guard.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <termios.h>
#include <unistd.h>

pid_t maskrun_terminal_guard(int fd, const struct termios *original, int *dismiss_fd) {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) < 0) return -1;
    struct termios saved = *original;
    pid_t pid = fork();
    if (pid < 0) {
        int error = errno;
        close(fds[0]);
        close(fds[1]);
        errno = error;
        return -1;
    }
    if (pid == 0) {
        // Keyboard and hangup signals are not for the guardian; SIGTTOU is ignored so that
        // it may still set the terminal once the shell has taken the foreground back.
        int ignored[] = {SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU, SIGHUP, SIGWINCH, SIGPIPE};
        for (unsigned i = 0; i < sizeof ignored / sizeof ignored[0]; i++) signal(ignored[i], SIG_IGN);
        // Hold nothing else open: a stdout pipe kept open here would keep a reader waiting.
        struct rlimit limit;
        int highest = getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < 65536 ? (int)limit.rlim_cur : 65536;
        for (int other = 0; other < highest; other++) {
            if (other != fd && other != fds[0]) close(other);
        }
        char byte;
        ssize_t got;
        do {
            got = read(fds[0], &byte, 1);
        } while (got < 0 && errno == EINTR);
        if (got == 0) {
            while (tcsetattr(fd, TCSANOW, &saved) < 0 && errno == EINTR) {}
        }
        _exit(0);
    }
    close(fds[0]);
    *dismiss_fd = fds[1];
    return pid;
}
