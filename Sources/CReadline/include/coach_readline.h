#ifndef COACH_READLINE_H
#define COACH_READLINE_H

// GNU readline for Swift, plus the few C helpers Swift cannot express. The helpers and the
// Ctrl-C state they share are defined once, in coach_readline.c.

#include <stdio.h>
#include <signal.h>
#include <readline/readline.h>
#include <readline/history.h>

// MARK: - Setters and getters for readline's globals

void coach_set_readline_name(const char *name);
void coach_set_catch_signals(int on);
void coach_set_attempted_completion(rl_completion_func_t *function);
void coach_set_attempted_completion_over(int over);
void coach_set_word_break_characters(const char *characters);
/// The characters that open a quoted word for completion: the word being completed starts
/// after an unclosed one, and readline closes it when a single match is inserted.
void coach_set_completer_quote_characters(const char *characters);

/// The line being edited (valid while readline runs, e.g. during completion).
const char *coach_line_buffer(void);

/// The most recent history entry, or NULL when history is empty.
const char *coach_last_history_line(void);

/// Ends the current screen line on readline's output stream.
void coach_write_newline(void);

// MARK: - Ctrl-C while readline waits for a key
//
// readline's own SIGINT handling (rl_catch_signals) re-raises the signal after cleaning up,
// which would kill the shell. Instead, while readLine runs, a SIGINT handler (without
// SA_RESTART) sets a flag and wakes coach_getc through a self-pipe; coach_getc then empties the
// line and ends the read, and the Swift side takes the flag and reports "interrupted".

/// Reads one key for readline, waking up on Ctrl-C.
int coach_getc(FILE *stream);

/// Uses coach_getc to read keys and turns off readline's signal handlers.
void coach_install_getc(void);

/// Installs the Ctrl-C handler for one readline() call, saving the previous disposition in
/// `saved`. Returns 0 on success, -1 (errno set) on failure.
int coach_begin_interruptible_read(struct sigaction *saved);

/// Restores the SIGINT disposition saved by coach_begin_interruptible_read.
void coach_end_interruptible_read(const struct sigaction *saved);

/// Returns 1 (and clears the flag) if Ctrl-C was pressed since the read began.
int coach_take_interrupt(void);

#endif
