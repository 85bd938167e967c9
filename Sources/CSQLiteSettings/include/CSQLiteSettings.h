#ifndef COACH_CSQLITESETTINGS_H
#define COACH_CSQLITESETTINGS_H

/// Process-wide SQLite settings that need C (sqlite3_config is variadic). They take effect
/// only before SQLite initializes, i.e. before the first connection opens; afterwards the call
/// changes nothing and returns SQLITE_MISUSE.
///
/// Multi-thread mode: connections take no mutex of their own, since every connection is used by
/// one thread at a time (GRDB serializes each through its queue). Memory statistics off: every
/// SQLite allocation otherwise takes a global mutex to count itself.
/// Returns SQLITE_OK (0) when both settings took effect.
int coach_sqlite_configure(void);

#endif
