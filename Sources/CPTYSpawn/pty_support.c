// See pty_support.h. The signal handler touches only lock-free atomics and write(2),
// both async-signal-safe; the pipe byte only wakes poll, the counters carry the news
// (a full pipe therefore loses nothing).
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "pty_support.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int maskrun_bytes_waiting(int fd) {
    int count = 0;
    return ioctl(fd, FIONREAD, &count) == 0 && count > 0 ? count : 0;
}

int maskrun_decode_wait_status(int status, int *value) {
    if (WIFEXITED(status)) {
        *value = WEXITSTATUS(status);
        return 1;
    }
    if (WIFSIGNALED(status)) {
        *value = WTERMSIG(status);
        return 2;
    }
    if (WIFSTOPPED(status)) {
        *value = WSTOPSIG(status);
        return 3;
    }
    return 0;
}

static atomic_int wake_fd = -1;
static atomic_uint counts[NSIG];
static struct sigaction saved[NSIG];
static bool has_saved[NSIG];

static void relay_handler(int sig) {
    int saved_errno = errno;
    if (sig > 0 && sig < NSIG) atomic_fetch_add(&counts[sig], 1);
    int fd = atomic_load(&wake_fd);
    if (fd >= 0) {
        unsigned char byte = (unsigned char)sig;
        (void)write(fd, &byte, 1);
    }
    errno = saved_errno;
}

void maskrun_signal_set_wake_fd(int fd) { atomic_store(&wake_fd, fd); }

static int install(int sig, void (*handler)(int)) {
    if (sig <= 0 || sig >= NSIG) return EINVAL;
    struct sigaction action, previous;
    memset(&action, 0, sizeof action);
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    if (sigaction(sig, &action, &previous) < 0) return errno;
    if (!has_saved[sig]) {
        saved[sig] = previous;
        has_saved[sig] = true;
    }
    return 0;
}

int maskrun_signal_catch(int sig) { return install(sig, relay_handler); }

int maskrun_signal_ignore(int sig) { return install(sig, SIG_IGN); }

void maskrun_signal_restore(int sig) {
    if (sig <= 0 || sig >= NSIG || !has_saved[sig]) return;
    (void)sigaction(sig, &saved[sig], NULL);
    has_saved[sig] = false;
}

unsigned maskrun_signal_take(int sig) {
    if (sig <= 0 || sig >= NSIG) return 0;
    return atomic_exchange(&counts[sig], 0);
}
