#ifndef COACH_CSQLITESETTINGS_H
#define COACH_CSQLITESETTINGS_H

/// Process-wide SQLite settings that need C (sqlite3_config is variadic). They take effect
/// only before SQLite initializes, i.e. before the first connection opens; afterwards the call
/// changes nothing and returns SQLITE_MISUSE.
///
/// Multi-thread mode: connections take no mutex of their own, since every connection is used by
/// one thread at a time (GRDB serializes each through its queue). Memory statistics off: every
/// SQLite allocation otherwise takes a global mutex to count itself. URI file names on: `check`
/// reads a copy nobody can write through a `file:...?immutable=1` name (every other path coach
/// hands SQLite is absolute, so none is taken for a URI).
/// Returns SQLITE_OK (0) when all three settings took effect.
int coach_sqlite_configure(void);

#endif
