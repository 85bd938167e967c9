#include "CSQLiteSettings.h"
#include <sqlite3.h>

int coach_sqlite_configure(void) {
    int code = sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
    if (code != SQLITE_OK) return code;
    code = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    if (code != SQLITE_OK) return code;
    /* `file:` URIs, for reading a read-only copy as it stands (immutable). coach hands SQLite
       only absolute paths otherwise, so no store path is ever taken for a URI. */
    return sqlite3_config(SQLITE_CONFIG_URI, 1);
}
