// GNU readline for Swift: the setters Swift 6 cannot write itself (it refuses to assign
// readline's mutable C globals), and the Ctrl-C state, which lives here once for the process.
// Declarations and their documentation: include/coach_readline.h.

#include "coach_readline.h"

#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

// MARK: - Setters and getters for readline's globals

void coach_set_readline_name(const char *name) {
    rl_readline_name = name;
}

void coach_set_catch_signals(int on) {
    rl_catch_signals = on;
}

void coach_set_attempted_completion(rl_completion_func_t *function) {
    rl_attempted_completion_function = function;
}

void coach_set_attempted_completion_over(int over) {
    rl_attempted_completion_over = over;
}

void coach_set_word_break_characters(const char *characters) {
    rl_completer_word_break_characters = characters;
}

void coach_set_completer_quote_characters(const char *characters) {
    rl_completer_quote_characters = characters;
}

/// The line being edited (valid while readline runs, e.g. during completion).
const char *coach_line_buffer(void) {
    return rl_line_buffer;
}

/// The most recent history entry, or NULL when history is empty.
const char *coach_last_history_line(void) {
    HIST_ENTRY *entry = history_get(history_base + history_length - 1);
    return entry ? entry->line : NULL;
}

/// Ends the current screen line on readline's output stream.
void coach_write_newline(void) {
    FILE *out = rl_outstream ? rl_outstream : stdout;
    fputc('\n', out);
    fflush(out);
}

// MARK: - Ctrl-C while readline waits for a key
//
// readline's own SIGINT handling (rl_catch_signals) re-raises the signal after
// cleaning up, which would kill the shell. Instead, while readLine runs:
//  - a SIGINT handler (installed without SA_RESTART) sets a flag and writes a
//    byte to a self-pipe, so the wake-up works whichever thread gets the signal
//    and even when it lands just before the key read starts;
//  - coach_getc (rl_getc_function) waits on the terminal and the pipe; once the
//    flag is set it empties the line and returns READERR/EOF until readline
//    returns; the Swift side then takes the flag and reports "interrupted".

static volatile sig_atomic_t coach_interrupt_flag = 0;
static int coach_wake_pipe[2] = { -1, -1 };

static void coach_sigint_handler(int signo) {
    (void)signo;
    int saved = errno;
    coach_interrupt_flag = 1;
    if (coach_wake_pipe[1] >= 0) {
        char byte = 0;
        ssize_t ignored = write(coach_wake_pipe[1], &byte, 1);
        (void)ignored;
    }
    errno = saved;
}

static void coach_drain_wake_pipe(void) {
    char bytes[64];
    while (coach_wake_pipe[0] >= 0 && read(coach_wake_pipe[0], bytes, sizeof bytes) > 0) {
    }
}

int coach_getc(FILE *stream) {
    int fd = fileno(stream);
    for (;;) {
        if (coach_interrupt_flag) {
            rl_replace_line("", 0);
            return RL_ISSTATE(RL_STATE_READCMD) ? READERR : EOF;
        }
        struct pollfd fds[2] = {
            { .fd = fd, .events = POLLIN, .revents = 0 },
            { .fd = coach_wake_pipe[0], .events = POLLIN, .revents = 0 },
        };
        int ready = poll(fds, coach_wake_pipe[0] >= 0 ? 2 : 1, -1);
        if (ready < 0) {
            if (errno == EINTR) { rl_check_signals(); continue; }
            return EOF;
        }
        if (fds[1].revents & POLLIN) {
            coach_drain_wake_pipe();
            continue;
        }
        if (fds[0].revents & POLLNVAL) return EOF;
        if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
            unsigned char c;
            ssize_t n = read(fd, &c, 1);
            if (n == 1) return c;
            if (n < 0 && (errno == EINTR || errno == EAGAIN)) { rl_check_signals(); continue; }
            return EOF;
        }
    }
}

/// Uses coach_getc to read keys and turns off readline's signal handlers.
void coach_install_getc(void) {
    rl_getc_function = coach_getc;
    rl_catch_signals = 0;
}

/// Installs the Ctrl-C handler for the duration of one readline() call,
/// saving the previous disposition in `saved` (caller-owned: Swift's importer
/// does not emit a file-scope static `struct sigaction`).
/// Returns 0 on success, -1 (errno set) on failure.
int coach_begin_interruptible_read(struct sigaction *saved) {
    if (coach_wake_pipe[0] < 0) {
        if (pipe(coach_wake_pipe) != 0) return -1;
        for (int i = 0; i < 2; i++) {
            fcntl(coach_wake_pipe[i], F_SETFD, FD_CLOEXEC);
            fcntl(coach_wake_pipe[i], F_SETFL, O_NONBLOCK);
        }
    }
    coach_drain_wake_pipe();
    coach_interrupt_flag = 0;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = coach_sigint_handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0; // no SA_RESTART: a blocked poll/read must wake up
    return sigaction(SIGINT, &action, saved);
}

/// Restores the SIGINT disposition saved by coach_begin_interruptible_read.
void coach_end_interruptible_read(const struct sigaction *saved) {
    sigaction(SIGINT, saved, NULL);
}

/// Returns 1 (and clears the flag) if Ctrl-C was pressed since the read began.
int coach_take_interrupt(void) {
    int was = coach_interrupt_flag ? 1 : 0;
    coach_interrupt_flag = 0;
    coach_drain_wake_pipe();
    return was;
}

